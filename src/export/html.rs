//! `trend.html`: the trend as one self-contained page an auditor opens in
//! a browser: commitments as rows, reports (periods) as columns, each cell
//! coloured by status and naming its source on hover; rows filter by
//! service, section and status, and changes for the worse and vanished
//! commitments are flagged.
//!
//! Why server-side rows and a little inline script: the grid is complete
//! without JavaScript (the page is also an archive record), and the script
//! only filters rows (also from the address, `trend.html#service=CYP&
//! status=red&linked=1&flagged=1`, so a filtered view can be linked to) and
//! shows the hovered cell's source in a bar. Nothing
//! is loaded from anywhere: styles and script are inline and the page's
//! Content-Security-Policy forbids every other source. The script marks
//! the body `data-ready="1"` when it has run and writes any error into
//! `data-js-error`, so a headless browser test can tell.

use super::trend::{link_text, Commitment, Observation, Trend};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font:13px/1.35 system-ui,sans-serif;margin:16px;color:#222}
h1{font-size:18px;margin:0 0 4px}
p.meta{margin:0 0 10px;color:#555}
#filters{display:flex;gap:14px;flex-wrap:wrap;align-items:center;margin:8px 0;padding:8px;background:#f4f4f4;border:1px solid #ddd}
#legend span{display:inline-block;padding:1px 8px;margin-right:4px;border:1px solid #bbb}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
thead th{position:sticky;top:0;background:#eee;z-index:1}
th.what{text-align:left;font-weight:normal;max-width:520px}
td.section{max-width:240px;font-size:12px;color:#444}
th.what .ref{font-weight:bold;margin-right:6px}
td.cell{text-align:center;min-width:90px;cursor:default}
.st-green{background:#8fd18f}.st-amber{background:#ffd27a}.st-red{background:#f08a8a}.st-achieved{background:#7fb2f0}
.st-none{background:#fff;color:#666}.absent{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#eee 4px,#eee 8px);color:#999}
td.worse{outline:3px solid #b00000;outline-offset:-3px;font-weight:bold}
td.gone{color:#b00000;font-style:italic}
td.uncertain::after{content:" ?";color:#700}
.flag{display:inline-block;margin-left:6px;padding:0 5px;border-radius:3px;font-size:11px;color:#fff;background:#b00000}
.flag.vanished{background:#666}
#source{position:sticky;bottom:0;background:#ffffe0;border:1px solid #cc9;padding:4px 8px;margin-top:8px;min-height:1.4em}
tr.hidden{display:none}
"#;

const SCRIPT: &str = r#"
window.onerror=function(m){document.body.setAttribute('data-js-error',String(m));};
(function(){
  var rows=Array.prototype.slice.call(document.querySelectorAll('#grid tbody tr'));
  var f={service:document.getElementById('f-service'),section:document.getElementById('f-section'),
         status:document.getElementById('f-status'),linked:document.getElementById('f-linked'),
         flagged:document.getElementById('f-flagged')};
  var shown=document.getElementById('shown');
  function apply(){
    var n=0;
    rows.forEach(function(r){
      var ok=(!f.service.value||r.dataset.service===f.service.value)
        &&(!f.section.value||r.dataset.section===f.section.value)
        &&(!f.status.value||(' '+r.dataset.statuses+' ').indexOf(' '+f.status.value+' ')>=0)
        &&(!f.linked.checked||r.dataset.linked==='1')
        &&(!f.flagged.checked||r.dataset.flags!=='');
      r.classList.toggle('hidden',!ok);
      if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' commitments shown';
  }
  // Filters can be set from the address: trend.html#service=CYP&linked=1
  location.hash.slice(1).split('&').forEach(function(kv){
    var p=kv.split('='),el=f[p[0]],v=decodeURIComponent(p[1]||'');
    if(!el)return;
    if(el.type==='checkbox')el.checked=v==='1';
    else if(Array.prototype.some.call(el.options,function(o){return o.value===v;}))el.value=v;
  });
  Object.keys(f).forEach(function(k){f[k].addEventListener('change',apply);});
  var bar=document.getElementById('source');
  document.getElementById('grid').addEventListener('mouseover',function(e){
    var td=e.target.closest?e.target.closest('td.cell'):null;
    if(td)bar.textContent=td.getAttribute('title');
  });
  apply();
  document.body.setAttribute('data-ready','1');
})();
"#;

/// The page for `trend`.
pub fn render(trend: &Trend) -> String {
    let mut h = String::new();
    let linked = trend
        .commitments
        .iter()
        .filter(|k| k.observations.len() > 1)
        .count();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
         <title>reportmine trend</title><style>{STYLE}</style></head>\n\
         <body data-ready=\"0\">\n<h1>Commitments across reports</h1>\n\
         <p class=\"meta\">{} commitments, {linked} linked across {} reports in period order; \
         links need text similarity {:.2} ({:.2} for certain; uncertain links are marked ?). \
         {} report(s) left out, {} warning(s): see trend.json.</p>\n",
        trend.commitments.len(),
        trend.columns.len(),
        trend.thresholds.link,
        trend.thresholds.certain,
        trend.excluded.len(),
        trend.warnings.len(),
    );
    filters(&mut h, trend);
    h.push_str("<table id=\"grid\"><thead><tr><th>Commitment</th><th>Service</th><th>Section</th>");
    for c in &trend.columns {
        let _ = write!(
            h,
            "<th class=\"period\" title=\"{}\">{}<br><small>{}</small></th>",
            esc(&format!("{} ({})", c.document, c.report)),
            esc(&c.period),
            esc(&c.label)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for k in &trend.commitments {
        row(&mut h, trend, k);
    }
    h.push_str("</tbody></table>\n<div id=\"source\">Hover a cell to see where its status was read.</div>\n");
    let _ = write!(h, "<script>{SCRIPT}</script>\n</body></html>\n");
    h
}

fn filters(h: &mut String, trend: &Trend) {
    let services: BTreeSet<&str> = trend
        .commitments
        .iter()
        .filter_map(|k| k.service.as_deref())
        .collect();
    let sections: BTreeSet<&str> = trend
        .commitments
        .iter()
        .filter_map(|k| k.section.as_deref())
        .collect();
    let select = |h: &mut String, id: &str, label: &str, values: &mut dyn Iterator<Item = &str>| {
        let _ = write!(
            h,
            "<label>{label} <select id=\"{id}\"><option value=\"\">all</option>"
        );
        for v in values {
            let _ = write!(h, "<option value=\"{0}\">{0}</option>", esc(v));
        }
        h.push_str("</select></label>");
    };
    h.push_str("<div id=\"filters\">");
    select(h, "f-service", "Service", &mut services.iter().copied());
    select(h, "f-section", "Section", &mut sections.iter().copied());
    select(
        h,
        "f-status",
        "Status (any period)",
        &mut ["green", "amber", "red", "achieved"].into_iter(),
    );
    h.push_str(
        "<label><input type=\"checkbox\" id=\"f-linked\"> linked only</label>\
         <label><input type=\"checkbox\" id=\"f-flagged\"> flagged only (worse or vanished)</label>\
         <span id=\"shown\"></span>\
         <span id=\"legend\"><span class=\"st-green\">green</span><span class=\"st-amber\">amber</span>\
         <span class=\"st-red\">red</span><span class=\"st-achieved\">achieved</span>\
         <span class=\"st-none\">no status</span><span class=\"absent\">not in report</span></span></div>\n",
    );
}

fn row(h: &mut String, trend: &Trend, k: &Commitment) {
    let statuses: BTreeSet<&str> = k
        .observations
        .iter()
        .flat_map(|o| o.statuses.iter().map(String::as_str))
        .collect();
    let mut flags = Vec::new();
    if !k.worsened.is_empty() {
        flags.push("worsened");
    }
    if k.vanished_after.is_some() {
        flags.push("vanished");
    }
    let _ = write!(
        h,
        "<tr data-id=\"{}\" data-service=\"{}\" data-section=\"{}\" data-statuses=\"{}\" data-linked=\"{}\" data-flags=\"{}\">",
        esc(&k.id),
        esc(k.service.as_deref().unwrap_or("")),
        esc(k.section.as_deref().unwrap_or("")),
        statuses.into_iter().collect::<Vec<_>>().join(" "),
        u8::from(k.observations.len() > 1),
        flags.join(" ")
    );
    let _ = write!(
        h,
        "<th class=\"what\"><span class=\"ref\">{}</span>{}",
        esc(k.reference.as_deref().unwrap_or(&k.id)),
        esc(&k.text)
    );
    if !k.worsened.is_empty() {
        h.push_str("<span class=\"flag worsened\">worse</span>");
    }
    if let Some(c) = k.vanished_after {
        let _ = write!(
            h,
            "<span class=\"flag vanished\">vanished after {}</span>",
            esc(&trend.columns[c].period)
        );
    }
    let _ = write!(
        h,
        "</th><td>{}</td><td class=\"section\">{}</td>",
        esc(k.service.as_deref().unwrap_or("")),
        esc(k.section.as_deref().unwrap_or(""))
    );
    for c in &trend.columns {
        match k.observations.iter().find(|o| o.column == c.index) {
            Some(o) => cell(h, k, o),
            None => {
                let gone = k.vanished_after.is_some_and(|v| c.index == v + 1);
                let _ = write!(
                    h,
                    "<td class=\"cell absent{}\" title=\"{}\">{}</td>",
                    if gone { " gone" } else { "" },
                    esc(&format!("not in {}", c.document)),
                    if gone { "vanished" } else { "" }
                );
            }
        }
    }
    h.push_str("</tr>\n");
}

fn cell(h: &mut String, k: &Commitment, o: &Observation) {
    let worse = k.worsened.iter().any(|ch| ch.to_column == o.column);
    let uncertain = o.link.as_ref().is_some_and(|l| !l.certain);
    let mut title = format!(
        "{} · page {} · line {} · status: {}",
        o.document,
        o.page,
        o.line,
        o.status_text.as_deref().unwrap_or("(none)")
    );
    if let Some(r) = &o.reference {
        let _ = write!(title, " · REF {r}");
    }
    if let Some(l) = &o.link {
        let _ = write!(title, " · linked: {}", link_text(l));
    }
    let _ = write!(
        h,
        "<td class=\"cell st-{}{}{}\" data-status=\"{}\" title=\"{}\">{}{}</td>",
        o.status.as_deref().unwrap_or("none"),
        if worse { " worse" } else { "" },
        if uncertain { " uncertain" } else { "" },
        o.status.as_deref().unwrap_or(""),
        esc(&title),
        esc(o.status.as_deref().unwrap_or("–")),
        if worse { " ▼" } else { "" }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
    }
}
