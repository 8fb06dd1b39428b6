//! Which wasm build a page is in: the ward's build holds the pages every user opens; the
//! review and administration pages are in builds of their own, loaded where needed.

use crate::api::{EVALUATION_ROUTE, TIMELINESS_ROUTE};

/// The address under which the administration pages are: in the `admin` build.
pub const ADMIN_ROOT: &str = "/quan-tri";

/// The addresses under which the review pages are: in the `review` build. The offline
/// shell's script is given this list by the server (see `server/src/offline.rs`).
pub const REVIEW_ROOTS: [&str; 4] = ["/tien-do", "/tong-hop", TIMELINESS_ROUTE, EVALUATION_ROUTE];

/// The wasm build a page needs beyond the ward's, by its address: `admin` under
/// [`ADMIN_ROOT`], `review` under the [`REVIEW_ROOTS`] (the ward's build has neither, see
/// `pages/elsewhere.rs`).
pub fn build_for_path(path: &str) -> Option<&'static str> {
    let under = |root: &str| {
        path.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if under(ADMIN_ROOT) {
        Some("admin")
    } else if REVIEW_ROOTS.into_iter().any(under) {
        Some("review")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_names_the_build_that_has_it() {
        let cases = [
            ("/", None),
            ("/bao-cao/p/k/u", None),
            ("/dang-nhap", None),
            ("/tien-do/p/k", Some("review")),
            ("/tong-hop/p/k", Some("review")),
            (TIMELINESS_ROUTE, Some("review")),
            ("/xep-loai/p/k", Some("review")),
            ("/dung-hanh", None),
            ("/quan-tri", Some("admin")),
            ("/quan-tri/don-vi/79", Some("admin")),
            ("/quan-trix", None),
        ];
        for (path, build) in cases {
            assert_eq!(build_for_path(path), build, "{path}");
        }
    }
}
