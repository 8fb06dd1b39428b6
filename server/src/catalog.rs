//! What imports define and every page and sync reads: the org tree, the templates, and the
//! plans with the units each one expects to report. A country's tree is thousands of units,
//! so a server holds them in memory and reloads them only when the stored catalog revision
//! has moved on; every write of units or plans moves it in the same transaction, so several
//! server processes on one database stay current (see [`Cache`]).

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::plans::StoredPlan;
use app::api::FormerUnit;
use app::domain::evaluation::CriteriaSet;
use app::domain::lineage::Lineage;
use app::domain::org::{OrgTree, OrgUnit};
use app::domain::plan::Period;
use app::domain::template::Template;
use app::lang::Text;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

pub struct Catalog {
    pub tree: OrgTree,
    /// What became of units that were merged, split or abolished.
    pub lineage: Lineage,
    /// Newest year first.
    pub plans: Vec<CatalogPlan>,
    /// By id and version.
    templates: HashMap<(String, u32), Arc<Template>>,
}

pub struct CatalogPlan {
    pub stored: StoredPlan,
    /// The task codes each assigned unit reports on.
    pub assignments: BTreeMap<String, Vec<String>>,
    /// The criteria set (its newest version) of each evaluation period, by period code.
    pub evaluations: HashMap<String, Arc<CriteriaSet>>,
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
        self.assigns(&unit.code) && self.owes(unit, period)
    }

    /// Whether `unit`, assigned, owes a report for `period`: it exists on the deadline, and
    /// an evaluation period's criteria set grades its kind of unit (communes and wards, not
    /// agencies nor the issuer).
    pub fn owes(&self, unit: &OrgUnit, period: &Period) -> bool {
        period.covers(unit)
            && self
                .evaluations
                .get(&period.code)
                .is_none_or(|set| set.applies_to.contains(&unit.kind))
    }

    /// The criteria set of an evaluation period.
    pub fn criteria_of(&self, period: &Period) -> Option<&Arc<CriteriaSet>> {
        self.evaluations.get(&period.code)
    }
}

impl Catalog {
    async fn load(db: &Db) -> AppResult<Catalog> {
        let tree = OrgTree::new(store::org::all(db).await?)
            .map_err(|e| AppError::Internal(format!("org tree: {e}")))?;
        let lineage = Lineage::new(store::lineage::all(db).await?);
        let mut criteria: HashMap<String, Arc<CriteriaSet>> = HashMap::new();
        for set in store::versions::all::<CriteriaSet>(db).await? {
            if criteria
                .get(&set.id)
                .is_none_or(|s| s.version < set.version)
            {
                criteria.insert(set.id.clone(), Arc::new(set));
            }
        }
        let mut plans = Vec::new();
        for stored in store::plans::all(db).await? {
            let assignments = store::plans::assignments(db, &stored.id).await?;
            let evaluations = stored
                .plan
                .periods
                .iter()
                .filter_map(|p| {
                    let set = criteria.get(&p.evaluation.as_ref()?.criteria)?;
                    Some((p.code.clone(), set.clone()))
                })
                .collect();
            plans.push(CatalogPlan {
                stored,
                assignments,
                evaluations,
            });
        }
        let templates = store::versions::all::<Template>(db)
            .await?
            .into_iter()
            .map(|t| ((t.id.clone(), t.version), Arc::new(t)))
            .collect();
        Ok(Catalog {
            tree,
            lineage,
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

    /// The latest version of every stored template, by id.
    pub fn latest_templates(&self) -> Vec<Arc<Template>> {
        let mut latest: BTreeMap<&str, &Arc<Template>> = BTreeMap::new();
        for ((id, version), template) in &self.templates {
            if latest.get(id.as_str()).is_none_or(|t| t.version < *version) {
                latest.insert(id, template);
            }
        }
        latest.into_values().cloned().collect()
    }

    /// Every period of every plan, with its plan.
    pub fn periods(&self) -> impl Iterator<Item = (&CatalogPlan, &Period)> {
        self.plans
            .iter()
            .flat_map(|plan| plan.stored.plan.periods.iter().map(move |p| (plan, p)))
    }

    pub fn plan(&self, id: &str) -> Option<&CatalogPlan> {
        self.plans.iter().find(|p| p.id() == id)
    }

    pub fn plan_or_404(&self, id: &str) -> AppResult<&CatalogPlan> {
        self.plan(id).ok_or_else(|| {
            AppError::NotFound(Text::new(format!("kế hoạch {id}"), format!("plan {id}")))
        })
    }

    /// The former units whose history `code` carries on, nearest first, each with the name
    /// and dates it is shown under.
    pub fn former_units(&self, code: &str) -> Vec<(&OrgUnit, FormerUnit)> {
        self.lineage
            .predecessors(code)
            .into_iter()
            .filter_map(|event| {
                let old = self.tree.get(&event.old_code)?;
                Some((old, former(old, &event.old_name)))
            })
            .collect()
    }

    /// How a unit that no longer exists is named wherever it is shown: as the lineage words
    /// it, with its dates. `None` while the unit exists.
    pub fn as_former(&self, unit: &OrgUnit) -> Option<FormerUnit> {
        unit.until?;
        let name = self
            .lineage
            .events()
            .iter()
            .find(|e| e.old_code == unit.code)
            .map_or(&unit.name, |e| &e.old_name);
        Some(former(unit, name))
    }

    pub fn unit_or_404(&self, code: &str) -> AppResult<&OrgUnit> {
        self.tree.get(code).ok_or_else(|| {
            AppError::NotFound(Text::new(format!("đơn vị {code}"), format!("unit {code}")))
        })
    }
}

fn former(unit: &OrgUnit, name: &str) -> FormerUnit {
    FormerUnit {
        name: name.to_string(),
        from: unit.from,
        until: unit.until,
    }
}

/// How long a copy serves before the stored revision is read again: what another server
/// process changed is seen within this time; what this process changed, at once
/// ([`Cache::changed`]).
pub const CHECK_EVERY: Duration = Duration::from_secs(1);

/// The catalog as last loaded, shared by every request of the process.
///
/// A deadline's load has a hundred requests in flight: reading the revision for each one
/// cost a query each, and after a change every one of them reloaded the whole catalog at
/// once (the slowest push waited 1,5 s and the process grew by 50 MB). So the revision is
/// read at most every [`CHECK_EVERY`], by one request while the others go on with the copy
/// they have, and a catalog is loaded by one request at a time: a request that must have
/// the new one (after this process's own change) waits for that load and shares it.
#[derive(Default)]
pub struct Cache {
    current: RwLock<Option<Copy>>,
    /// Held while the revision is read or the catalog loaded.
    loading: tokio::sync::Mutex<()>,
    /// How many times this process changed the catalog: a copy loaded before the last
    /// change is not used again.
    changes: AtomicU64,
}

struct Copy {
    revision: i64,
    catalog: Arc<Catalog>,
    checked: Instant,
    /// [`Cache::changes`] when its load began.
    changes: u64,
}

impl Cache {
    /// The catalog as stored now: as this process last changed it, and as other processes
    /// changed it up to [`CHECK_EVERY`] ago.
    pub async fn get(&self, db: &Db) -> AppResult<Arc<Catalog>> {
        let current = |copy: &Copy| copy.changes == self.changes.load(Ordering::Acquire);
        let checked = |copy: &Copy| current(copy) && copy.checked.elapsed() < CHECK_EVERY;
        if let Some(catalog) = self.copy(checked) {
            return Ok(catalog);
        }
        // Due for a check: one request reads the revision, the others use their copy.
        let _loading = match self.loading.try_lock() {
            Ok(guard) => guard,
            Err(_) => match self.copy(current) {
                Some(catalog) => return Ok(catalog),
                None => self.loading.lock().await,
            },
        };
        // Another request may have checked or loaded while this one waited.
        if let Some(catalog) = self.copy(checked) {
            return Ok(catalog);
        }
        let changes = self.changes.load(Ordering::Acquire);
        let revision = store::catalog_revision::revision(db).await?;
        if let Some(catalog) = self.copy(|copy| current(copy) && copy.revision == revision) {
            if let Some(copy) = self.write().as_mut() {
                copy.checked = Instant::now();
            }
            return Ok(catalog);
        }
        // Data read after the revision is at least as new as it, so a copy is never older
        // than its label; a newer one is reloaded once more, harmlessly.
        let catalog = Arc::new(Catalog::load(db).await?);
        *self.write() = Some(Copy {
            revision,
            catalog: catalog.clone(),
            checked: Instant::now(),
            changes,
        });
        Ok(catalog)
    }

    /// This process changed the catalog: every handler that writes units, lineage, plans or
    /// templates calls it once its transaction has committed. The next request loads the
    /// catalog again, and waits for that.
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::AcqRel);
    }

    fn copy(&self, fits: impl Fn(&Copy) -> bool) -> Option<Arc<Catalog>> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current
            .as_ref()
            .filter(|copy| fits(copy))
            .map(|copy| copy.catalog.clone())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Copy>> {
        self.current.write().unwrap_or_else(PoisonError::into_inner)
    }
}
