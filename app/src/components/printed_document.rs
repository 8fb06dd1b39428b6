//! The report as its official document, for the printer only: the page prints this, not
//! the form (see `@media print` in the style sheet). Always in Vietnamese, whatever the
//! page's language, as the document it is.

use crate::document::{Block, Grid, OfficialDocument, Span};
use leptos::prelude::*;

#[component]
pub fn PrintedDocument(document: Signal<Option<OfficialDocument>>) -> impl IntoView {
    move || document.get().map(|doc| view! { <DocumentPage doc /> })
}

#[component]
fn DocumentPage(doc: OfficialDocument) -> impl IntoView {
    let s = doc.signature;
    view! {
        <article class="official-document" lang="vi" data-testid="official-document">
            <header class="doc-head">
                <div>
                    <p>{doc.issuer_above}</p>
                    <p class="strong">{doc.issuer}</p>
                    <p>{doc.number}</p>
                </div>
                <div>
                    <p class="strong">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                    <p class="strong motto">"Độc lập - Tự do - Hạnh phúc"</p>
                    <p class="place">{doc.place_and_date}</p>
                </div>
            </header>
            <h1>{doc.kind}<br />{doc.subject}</h1>
            {doc.data_range.map(|r| view! { <p class="range">{r}</p> })}
            {doc.addressee.map(|a| view! { <p class="addressee">{a}</p> })}
            {doc.body.into_iter().map(block).collect_view()}
            <footer class="doc-close">
                <div class="recipients">
                    <p class="strong"><em>"Nơi nhận:"</em></p>
                    {doc.recipients.into_iter().map(|r| view! { <p>{r}</p> }).collect_view()}
                </div>
                <div class="signature">
                    <p class="strong">{s.capacity}</p>
                    <p class="strong">{s.title}</p>
                    <p class="strong signer">{s.name}</p>
                </div>
            </footer>
            {doc.annex.map(|annex| view! {
                <section class="annex" class:landscape=annex.landscape>
                    {annex.blocks.into_iter().map(block).collect_view()}
                </section>
            })}
        </article>
    }
}

fn block(b: Block) -> AnyView {
    match b {
        Block::Heading(text) => view! { <h2>{text}</h2> }.into_any(),
        Block::Paragraph(spans) => {
            view! { <p class="body">{spans.into_iter().map(span).collect_view()}</p> }.into_any()
        }
        Block::Grid(g) => grid(g).into_any(),
    }
}

fn span(s: Span) -> AnyView {
    if s.italic {
        view! { <em>{s.text}</em> }.into_any()
    } else {
        s.text.into_any()
    }
}

fn grid(g: Grid) -> impl IntoView {
    let figures = g.figures;
    let cells = move |row: Vec<String>| {
        row.into_iter()
            .enumerate()
            .map(|(i, text)| {
                let figure = figures && i > 0;
                view! { <td class:figure=figure>{text}</td> }
            })
            .collect_view()
    };
    view! {
        <table>
            <colgroup>{g.widths.iter().map(|w| view! { <col style=format!("width:{w}%") /> }).collect_view()}</colgroup>
            <thead><tr>{g.head.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {g.rows.into_iter().map(|r| view! { <tr>{cells(r)}</tr> }).collect_view()}
                {g.total.map(|r| view! { <tr class="total">{cells(r)}</tr> })}
            </tbody>
        </table>
    }
}
