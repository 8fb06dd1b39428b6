//! Who is signed in, fetched once and shared through context.

use crate::api::Me;
use crate::client::{self, ClientError};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Session(pub LocalResource<Result<Me, ClientError>>);

pub fn provide_session() {
    provide_context(Session(LocalResource::new(|| client::get::<Me>("/me"))));
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
