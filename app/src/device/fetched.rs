//! An API answer kept fresh for a page: the copy kept on the device at once, the server's
//! answer when it arrives, and again after every sync that brought changed reports.

use super::engine::use_device;
use crate::client::ClientError;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

pub type Fetched<T> = RwSignal<Option<Result<T, ClientError>>>;

pub fn use_fetched<T>(path: Memo<String>) -> Fetched<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let device = use_device();
    let data: Fetched<T> = RwSignal::new(None);
    Effect::new(move |shown: Option<Option<String>>| {
        device.me.get()?;
        device.pulled.track();
        let wanted = path.get();
        if shown.flatten().as_deref() != Some(wanted.as_str()) {
            data.set(device.kept(&wanted).map(Ok));
        }
        let fetched_path = wanted.clone();
        leptos::task::spawn_local(async move {
            let fetched = device.fetch::<T>(&fetched_path).await;
            // The page may have moved on or been left: a `try_` read never aborts.
            if path.try_get_untracked().as_deref() != Some(fetched_path.as_str()) {
                return;
            }
            if fetched.is_ok() || data.try_with_untracked(Option::is_none) == Some(true) {
                data.set(Some(fetched));
            }
        });
        Some(wanted)
    });
    data
}
