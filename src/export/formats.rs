//! GraphML, GEXF 1.3, DOT and Cytoscape.js JSON writers for [`Graph`].

use std::io::{self, Write};

use super::{Graph, Node};
use crate::time::days_in_month;

/// Escapes text for XML attributes and elements.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs a writer into a string (the writers only write UTF-8).
fn to_string(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the writers write UTF-8")
}

/// [`write_graphml`] into a string.
pub fn graphml(g: &Graph) -> String {
    to_string(|out| write_graphml(g, out))
}

/// GraphML (Gephi, yEd, Cytoscape, networkx): typed attribute keys for nodes (label, type,
/// mentions, start, end, event type, IRI) and edges (type, label, weight); dates as strings.
/// Written element by element, so a graph of any size takes no more memory than the graph.
pub fn write_graphml(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    out.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>
  <key id="start" for="node" attr.name="start" attr.type="string"/>
  <key id="end" for="node" attr.name="end" attr.type="string"/>
  <key id="event_type" for="node" attr.name="event_type" attr.type="string"/>
  <key id="iri" for="node" attr.name="iri" attr.type="string"/>
  <key id="edge_type" for="edge" attr.name="type" attr.type="string"/>
  <key id="edge_label" for="edge" attr.name="label" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="zhkg" edgedefault="directed">
"#,
    )?;
    for (i, n) in g.nodes.iter().enumerate() {
        write!(out, "    <node id=\"n{i}\">")?;
        write!(out, "<data key=\"label\">{}</data>", xml(&n.label))?;
        write!(out, "<data key=\"type\">{}</data>", n.kind)?;
        write!(out, "<data key=\"mentions\">{}</data>", n.mentions)?;
        for (key, value) in [
            ("start", &n.start),
            ("end", &n.end),
            ("event_type", &n.detail),
        ] {
            if let Some(v) = value {
                write!(out, "<data key=\"{key}\">{}</data>", xml(v))?;
            }
        }
        writeln!(out, "<data key=\"iri\">{}</data></node>", xml(&n.iri))?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        write!(
            out,
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\"><data key=\"edge_type\">{}</data>",
            e.source, e.target, e.kind
        )?;
        if let Some(label) = &e.label {
            write!(out, "<data key=\"edge_label\">{}</data>", xml(label))?;
        }
        writeln!(out, "<data key=\"weight\">{}</data></edge>", e.weight)?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

/// A date at any precision as the first (or last) full day it covers, for Gephi's timeline.
fn full_date(iso: &str, last: bool) -> Option<String> {
    let parts: Vec<u32> = iso
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts[..] {
        [y, m, d] => Some(format!("{y:04}-{m:02}-{d:02}")),
        [y, m] if last => Some(format!("{y:04}-{m:02}-{:02}", days_in_month(y, m))),
        [y, m] => Some(format!("{y:04}-{m:02}-01")),
        [y] if last => Some(format!("{y:04}-12-31")),
        [y] => Some(format!("{y:04}-01-01")),
        _ => None,
    }
}

/// [`write_gexf`] into a string.
pub fn gexf(g: &Graph) -> String {
    to_string(|out| write_gexf(g, out))
}

/// GEXF 1.3 (Gephi): attributes for type, mentions, event type and IRI; nodes carry `start` and
/// `end` dates where known (an entity from its first to its last article, an event over its
/// time), so Gephi's timeline works. Written element by element.
pub fn write_gexf(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    out.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta><creator>zhkg</creator><description>people, posts, organizations, places and events from Chinese news</description></meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node">
      <attribute id="type" title="type" type="string"/>
      <attribute id="mentions" title="mentions" type="integer"/>
      <attribute id="event_type" title="event_type" type="string"/>
      <attribute id="iri" title="iri" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="type" title="type" type="string"/>
      <attribute id="label" title="label" type="string"/>
    </attributes>
    <nodes>
"#,
    )?;
    for (i, n) in g.nodes.iter().enumerate() {
        write!(out, "      <node id=\"n{i}\" label=\"{}\"", xml(&n.label))?;
        let start = n.start.as_deref().and_then(|d| full_date(d, false));
        let end = n
            .end
            .as_deref()
            .or(n.start.as_deref())
            .and_then(|d| full_date(d, true));
        if let (Some(start), Some(end)) = (start, end) {
            write!(out, " start=\"{start}\" end=\"{end}\"")?;
        }
        write!(out,
            "><attvalues><attvalue for=\"type\" value=\"{}\"/><attvalue for=\"mentions\" value=\"{}\"/>",
            n.kind, n.mentions
        )?;
        if let Some(detail) = &n.detail {
            write!(
                out,
                "<attvalue for=\"event_type\" value=\"{}\"/>",
                xml(detail)
            )?;
        }
        writeln!(
            out,
            "<attvalue for=\"iri\" value=\"{}\"/></attvalues></node>",
            xml(&n.iri)
        )?;
    }
    out.write_all(b"    </nodes>\n    <edges>\n")?;
    for (i, e) in g.edges.iter().enumerate() {
        write!(
            out,
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" weight=\"{}\"",
            e.source, e.target, e.weight
        )?;
        // (A post's tenure: Gephi's timeline shows who held what when.)
        let start = e.start.as_deref().and_then(|d| full_date(d, false));
        let end = e
            .end
            .as_deref()
            .or(e.start.as_deref())
            .and_then(|d| full_date(d, true));
        if let (Some(start), Some(end)) = (start, end) {
            write!(out, " start=\"{start}\" end=\"{end}\"")?;
        }
        write!(
            out,
            "><attvalues><attvalue for=\"type\" value=\"{}\"/>",
            e.kind
        )?;
        if let Some(label) = &e.label {
            write!(out, "<attvalue for=\"label\" value=\"{}\"/>", xml(label))?;
        }
        out.write_all(b"</attvalues></edge>\n")?;
    }
    out.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
}

/// Fill colours by node type, shared by DOT and the HTML page.
pub(crate) fn colour(kind: &str) -> &'static str {
    match kind {
        "person" => "#e41a1c",
        "organization" => "#377eb8",
        "place" => "#4daf4a",
        "event" => "#ff7f00",
        _ => "#999999",
    }
}

/// The font DOT asks for: a CJK font, so Chinese renders in PNG as well as SVG (Debian package
/// fonts-noto-cjk).
pub(crate) const DOT_FONT: &str = "Noto Sans CJK SC";

fn dot_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// [`write_dot`] into a string.
pub fn dot(g: &Graph) -> String {
    to_string(|out| write_dot(g, out))
}

/// Graphviz DOT with a CJK-capable font; nodes coloured and shaped by type, post edges
/// labelled with the title, co-mentions dashed. Written line by line.
pub fn write_dot(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    write!(
        out,
        "digraph zhkg {{\n  graph [fontname={f}, overlap=false, splines=true];\n  node [fontname={f}, style=filled, fontcolor=white];\n  edge [fontname={f}, fontsize=10];\n",
        f = dot_string(DOT_FONT)
    )?;
    for (i, n) in g.nodes.iter().enumerate() {
        let shape = match n.kind.as_str() {
            "event" => "box",
            "place" => "hexagon",
            "organization" => "octagon",
            _ => "ellipse",
        };
        writeln!(
            out,
            "  n{i} [label={}, shape={shape}, fillcolor=\"{}\", tooltip={}];",
            dot_string(&n.label),
            colour(&n.kind),
            dot_string(&format!("{} · {} mentions", n.kind, n.mentions))
        )?;
    }
    for e in &g.edges {
        let label = e.label.clone().unwrap_or_else(|| match e.kind.as_str() {
            "co-mention" => String::new(),
            other => other.to_owned(),
        });
        let style = if e.kind == "co-mention" {
            ", style=dashed, dir=none"
        } else {
            ""
        };
        writeln!(
            out,
            "  n{} -> n{} [label={}, weight={}{style}];",
            e.source,
            e.target,
            dot_string(&label),
            e.weight.max(1.0) as u64
        )?;
    }
    out.write_all(b"}\n")
}

fn node_json(i: usize, n: &Node) -> serde_json::Value {
    serde_json::json!({"data": {
        "id": format!("n{i}"), "label": n.label, "type": n.kind, "mentions": n.mentions,
        "start": n.start, "end": n.end, "event_type": n.detail, "iri": n.iri,
    }})
}

/// Cytoscape.js JSON: `{"elements": {"nodes": [...], "edges": [...]}}`, as a value (tests, the
/// HTML page's small graphs).
pub fn cytoscape_json(g: &Graph) -> serde_json::Value {
    let nodes: Vec<_> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| node_json(i, n))
        .collect();
    let edges: Vec<_> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| edge_json(i, e))
        .collect();
    serde_json::json!({"elements": {"nodes": nodes, "edges": edges}})
}

/// The same JSON as [`cytoscape_json`] written element by element, one per line, so a graph of
/// any size takes no more memory than the graph.
pub fn write_cytoscape_json(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{\"elements\": {\n\"nodes\": [")?;
    for (i, n) in g.nodes.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &node_json(i, n))?;
    }
    out.write_all(b"\n],\n\"edges\": [")?;
    for (i, e) in g.edges.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &edge_json(i, e))?;
    }
    out.write_all(b"\n]}}\n")
}

fn edge_json(i: usize, e: &super::Edge) -> serde_json::Value {
    serde_json::json!({"data": {
        "id": format!("e{i}"), "source": format!("n{}", e.source),
        "target": format!("n{}", e.target), "type": e.kind, "label": e.label,
        "weight": e.weight,
    }})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Edge;

    fn tiny() -> Graph {
        Graph {
            nodes: vec![
                Node {
                    iri: "https://w3id.org/zhkg/id/person/王家鹏".into(),
                    label: "王家鹏".into(),
                    kind: "person".into(),
                    mentions: 6,
                    start: Some("2019-08-30".into()),
                    end: Some("2019-08-30".into()),
                    detail: None,
                },
                Node {
                    iri: "x".into(),
                    label: "A&B \"公司\"".into(),
                    kind: "organization".into(),
                    mentions: 1,
                    start: Some("2019-04".into()),
                    end: None,
                    detail: None,
                },
            ],
            edges: vec![Edge {
                source: 0,
                target: 1,
                kind: "holds".into(),
                label: Some("书记".into()),
                weight: 2.0,
                start: Some("2019-08".into()),
                end: Some("2019-09-02".into()),
            }],
        }
    }

    #[test]
    fn xml_formats_escape_names() {
        assert!(graphml(&tiny()).contains("A&amp;B &quot;公司&quot;"));
        assert!(gexf(&tiny()).contains("label=\"A&amp;B &quot;公司&quot;\""));
    }

    #[test]
    fn gexf_posts_carry_their_tenure_as_edge_intervals() {
        let out = gexf(&tiny());
        assert!(
            out.contains("target=\"n1\" weight=\"2\" start=\"2019-08-01\" end=\"2019-09-02\""),
            "{out}"
        );
    }

    #[test]
    fn gexf_dates_cover_whole_months() {
        let out = gexf(&tiny());
        assert!(
            out.contains("start=\"2019-04-01\" end=\"2019-04-30\""),
            "{out}"
        );
    }

    #[test]
    fn dot_asks_for_a_cjk_font_and_escapes_quotes() {
        let out = dot(&tiny());
        assert!(out.contains("fontname=\"Noto Sans CJK SC\""));
        assert!(out.contains("label=\"A&B \\\"公司\\\"\""), "{out}");
        assert!(out.contains("n0 -> n1 [label=\"书记\""), "{out}");
    }

    #[test]
    fn cytoscape_json_has_elements() {
        let json = cytoscape_json(&tiny());
        let streamed = to_string(|out| write_cytoscape_json(&tiny(), out));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&streamed).unwrap(),
            json
        );
        assert_eq!(json["elements"]["nodes"][0]["data"]["label"], "王家鹏");
        assert_eq!(json["elements"]["edges"][0]["data"]["source"], "n0");
    }
}
