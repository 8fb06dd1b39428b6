//! The client's address, for login throttling and the log: the connection's peer, or
//! behind a reverse proxy the address the proxy says it served.

use crate::startup::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let Some(header) = &state.settings.client_address_header else {
            return Ok(ClientAddress(peer));
        };
        // The last entry is the one the proxy itself added; earlier ones are the client's
        // own word. Without a readable value the proxy is the client.
        let told = parts
            .headers
            .get_all(header.as_str())
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse().ok());
        Ok(ClientAddress(told.unwrap_or(peer)))
    }
}
