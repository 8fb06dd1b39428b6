//! What a consolidating report (its plan issuer's own) is written from: the unit's
//! consolidation (its units' figures and passages), kept on the device so that it is at
//! hand offline. Provided by the report page, read by the figures and the narratives.

use crate::api::{consolidation_api_path, ConsolidationQuery, ConsolidationView};
use crate::device::engine::use_device;
use crate::sync::ReportKey;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Material(RwSignal<Option<ConsolidationView>>);

impl Material {
    /// The consolidation of the report's unit: what the device kept at once, then the
    /// server's when it answers.
    pub fn load(key: &ReportKey) -> Material {
        let device = use_device();
        let query = ConsolidationQuery {
            unit: Some(key.unit_code.clone()),
            basis: None,
        };
        let path = consolidation_api_path(&key.plan_id, &key.period_code, &query);
        let material = Material(RwSignal::new(device.kept(&path)));
        leptos::task::spawn_local(async move {
            if let Ok(view) = device.fetch::<ConsolidationView>(&path).await {
                material.0.try_set(Some(view));
            }
        });
        material
    }

    /// Reads the consolidation (tracked), `None` until one is on the device.
    pub fn with<R>(&self, read: impl FnOnce(Option<&ConsolidationView>) -> R) -> R {
        self.0.with(|view| read(view.as_ref()))
    }

    /// Reads the consolidation without tracking it.
    pub fn with_untracked<R>(&self, read: impl FnOnce(Option<&ConsolidationView>) -> R) -> R {
        self.0.with_untracked(|view| read(view.as_ref()))
    }
}
