//! Codes the protocol and the stored rows carry as text (error codes, refusals, outcomes,
//! change kinds), read by their serde names: one reader for every such enum, each of which
//! has an unknown variant for a code of a newer server.

use serde::de::{value, DeserializeOwned, IntoDeserializer};

/// `code` as the enum `T` names it, or `unknown` when no variant does.
pub fn read<T: DeserializeOwned>(code: &str, unknown: T) -> T {
    let read: Result<T, value::Error> = T::deserialize(code.into_deserializer());
    read.unwrap_or(unknown)
}
