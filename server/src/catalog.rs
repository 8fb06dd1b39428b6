//! What imports define and every page and sync reads: the org tree, the templates, and the
//! plans with the units each one expects to report. A country's tree is thousands of units, so a server
//! holds them in memory and reloads them only when the stored catalog revision has moved
//! on; every write of units or plans moves it in the same transaction, so several server
//! processes on one database stay current.

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::plans::StoredPlan;
use app::api::FormerUnit;
use app::domain::lineage::Lineage;
use app::domain::org::{OrgTree, OrgUnit, Span};
use app::domain::plan::Period;
use app::domain::template::Template;
use app::lang::Text;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, PoisonError, RwLock};

pub struct Catalog {
    pub tree: OrgTree,
    /// What became of units that were merged, split or abolished.
    pub lineage: Lineage,
    /// Each unit's subtree as the database numbers it, for queries over a subtree.
    spans: HashMap<String, Span>,
    /// Newest year first.
    pub plans: Vec<CatalogPlan>,
    /// By id and version.
    templates: HashMap<(String, u32), Arc<Template>>,
}

pub struct CatalogPlan {
    pub stored: StoredPlan,
    /// The task codes each assigned unit reports on.
    pub assignments: BTreeMap<String, Vec<String>>,
}

impl CatalogPlan {
    pub fn id(&self) -> &str {
        &self.stored.id
    }

    /// Whether `unit` reports on this plan in some period: the units it assigns tasks to,
    /// and its issuer, whose own report consolidates theirs and goes one level up.
    pub fn assigns(&self, unit: &str) -> bool {
        self.assignments.contains_key(unit) || self.stored.plan.issuer == unit
    }

    /// Whether `unit` owes a report for `period`: assigned, and existing on its deadline.
    pub fn expects(&self, unit: &OrgUnit, period: &Period) -> bool {
        self.assigns(&unit.code) && period.covers(unit)
    }
}

impl Catalog {
    async fn load(db: &Db) -> AppResult<Catalog> {
        let tree = OrgTree::new(store::org::all(db).await?)
            .map_err(|e| AppError::Internal(format!("org tree: {e}")))?;
        let spans = store::org::spans(db).await?;
        let lineage = Lineage::new(store::lineage::all(db).await?);
        let mut plans = Vec::new();
        for stored in store::plans::all(db).await? {
            let assignments = store::plans::assignments(db, &stored.id).await?;
            plans.push(CatalogPlan {
                stored,
                assignments,
            });
        }
        let templates = store::templates::all(db)
            .await?
            .into_iter()
            .map(|t| ((t.id.clone(), t.version), Arc::new(t)))
            .collect();
        Ok(Catalog {
            tree,
            lineage,
            spans,
            plans,
            templates,
        })
    }

    /// The template version a plan's new reports start on.
    pub fn template_of(&self, plan: &CatalogPlan) -> AppResult<Arc<Template>> {
        self.plan_template(plan, plan.stored.template_version)
    }

    /// A version of a plan's template: a report's is the one it was started on.
    pub fn plan_template(&self, plan: &CatalogPlan, version: u32) -> AppResult<Arc<Template>> {
        let stored = &plan.stored;
        self.template(&stored.plan.template, version)
            .ok_or_else(|| {
                AppError::Internal(format!(
                    "plan {} refers to missing template {} version {version}",
                    stored.id, stored.plan.template
                ))
            })
    }

    pub fn template(&self, id: &str, version: u32) -> Option<Arc<Template>> {
        self.templates.get(&(id.to_string(), version)).cloned()
    }

    /// The stored versions of a template, oldest first.
    pub fn template_versions(&self, id: &str) -> Vec<u32> {
        let mut versions: Vec<u32> = self
            .templates
            .keys()
            .filter(|(t, _)| t == id)
            .map(|(_, v)| *v)
            .collect();
        versions.sort_unstable();
        versions
    }

    pub fn plan(&self, id: &str) -> Option<&CatalogPlan> {
        self.plans.iter().find(|p| p.id() == id)
    }

    pub fn plan_or_404(&self, id: &str) -> AppResult<&CatalogPlan> {
        self.plan(id).ok_or_else(|| {
            AppError::NotFound(Text::new(format!("kế hoạch {id}"), format!("plan {id}")))
        })
    }

    /// The span of a unit's subtree; `None` for an unknown unit.
    pub fn span(&self, code: &str) -> Option<Span> {
        self.spans.get(code).copied()
    }

    /// The former units whose history `code` carries on, nearest first, each with the name
    /// and dates it is shown under.
    pub fn former_units(&self, code: &str) -> Vec<(&OrgUnit, FormerUnit)> {
        self.lineage
            .predecessors(code)
            .into_iter()
            .filter_map(|event| {
                let old = self.tree.get(&event.old_code)?;
                let former = FormerUnit {
                    name: event.old_name.clone(),
                    from: old.from,
                    until: old.until,
                };
                Some((old, former))
            })
            .collect()
    }

    pub fn unit_or_404(&self, code: &str) -> AppResult<&OrgUnit> {
        self.tree.get(code).ok_or_else(|| {
            AppError::NotFound(Text::new(format!("đơn vị {code}"), format!("unit {code}")))
        })
    }
}

/// The catalog as last loaded, with the revision it was loaded at.
#[derive(Default)]
pub struct Cache(RwLock<Option<(i64, Arc<Catalog>)>>);

impl Cache {
    /// The catalog as stored now: one small query when nothing has changed since the last
    /// load. Data read after the revision is at least as new as it, so a copy is never
    /// older than its label; a newer one is reloaded once more, harmlessly.
    pub async fn get(&self, db: &Db) -> AppResult<Arc<Catalog>> {
        let revision = store::catalog::revision(db).await?;
        if let Some((r, catalog)) = &*self.0.read().unwrap_or_else(PoisonError::into_inner) {
            if *r == revision {
                return Ok(catalog.clone());
            }
        }
        let catalog = Arc::new(Catalog::load(db).await?);
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Some((revision, catalog.clone()));
        Ok(catalog)
    }
}
