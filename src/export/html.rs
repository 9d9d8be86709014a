//! One self-contained HTML page: the graph drawn with the vendored Cytoscape.js (no network),
//! nodes coloured by type, a search box, and a card for the clicked node.

use super::formats::{colour, cytoscape_json};
use super::{Graph, NODE_TYPES};

const CYTOSCAPE: &str = include_str!("vendor/cytoscape.min.js");

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>zhkg graph</title>
<style>
  body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; display: flex; height: 100vh; }
  #side { width: 320px; padding: 12px; box-sizing: border-box; border-right: 1px solid #ddd; overflow-y: auto; }
  #graph { flex: 1; }
  #search { width: 100%; padding: 6px; font-size: 15px; box-sizing: border-box; }
  .legend span { display: inline-block; margin-right: 10px; font-size: 13px; }
  .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
  #card h2 { margin: 12px 0 4px; font-size: 20px; }
  #card .type { color: #666; font-size: 13px; }
  #card li { font-size: 14px; margin: 2px 0; }
  #matches li { cursor: pointer; color: #225; }
</style>
</head>
<body>
<div id="side">
  <input id="search" type="search" placeholder="搜索 / search a name" autocomplete="off">
  <ul id="matches"></ul>
  <div class="legend">__LEGEND__</div>
  <p id="summary"></p>
  <div id="card"><p>Click a node to see its card.</p></div>
</div>
<div id="graph"></div>
<script>__CYTOSCAPE__</script>
<script type="application/json" id="data">__DATA__</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var colours = __COLOURS__;
  var nodes = data.elements.nodes, edges = data.elements.edges;
  document.getElementById("summary").textContent = nodes.length + " nodes, " + edges.length + " edges";
  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: data.elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "color": "#222",
          "background-color": function (n) { return colours[n.data("type")] || "#999"; },
          "width": function (n) { return 14 + Math.min(30, 4 * Math.sqrt(n.data("mentions") || 1)); },
          "height": function (n) { return 14 + Math.min(30, 4 * Math.sqrt(n.data("mentions") || 1)); } } },
      { selector: "edge", style: {
          "width": function (e) { return Math.min(6, 0.5 + Math.log(1 + (e.data("weight") || 1))); },
          "line-color": "#bbb", "curve-style": "bezier", "opacity": 0.7 } },
      { selector: "edge[type != 'co-mention']", style: {
          "target-arrow-shape": "triangle", "target-arrow-color": "#999", "line-color": "#888" } },
      { selector: "edge[type = 'co-mention']", style: { "line-style": "dashed" } },
      { selector: ".picked", style: { "border-width": 4, "border-color": "#000" } },
      { selector: ".faded", style: { "opacity": 0.15 } }
    ],
    layout: nodes.length > 600 ? { name: "grid" } :
      { name: "cose", animate: false, nodeRepulsion: 400000, idealEdgeLength: 90, nodeOverlap: 20 }
  });
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  function show(node) {
    var d = node.data(), card = document.getElementById("card");
    card.innerHTML = "";
    card.appendChild(text("h2", d.label));
    var facts = d.type + (d.event_type ? " · " + d.event_type : "") + " · " + d.mentions +
      (d.type === "event" ? " articles" : " mentions");
    if (d.start) { facts += " · " + d.start + (d.end && d.end !== d.start ? " – " + d.end : ""); }
    card.appendChild(text("div", facts, "type"));
    var list = document.createElement("ul");
    node.connectedEdges().forEach(function (e) {
      var other = e.source().id() === node.id() ? e.target() : e.source();
      var how = e.data("label") ? e.data("type") + " " + e.data("label") : e.data("type");
      list.appendChild(text("li", how + " — " + other.data("label")));
    });
    card.appendChild(list);
    card.appendChild(text("div", d.iri, "type"));
    cy.elements().removeClass("picked faded");
    node.addClass("picked");
    cy.elements().not(node.closedNeighborhood()).addClass("faded");
  }
  cy.on("tap", "node", function (evt) { show(evt.target); });
  cy.on("tap", function (evt) { if (evt.target === cy) { cy.elements().removeClass("picked faded"); } });
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  search.addEventListener("input", function () {
    var q = search.value.trim();
    matches.innerHTML = "";
    if (!q) { return; }
    cy.nodes().filter(function (n) { return n.data("label").indexOf(q) >= 0; }).slice(0, 20)
      .forEach(function (n) {
        var li = text("li", n.data("label") + " (" + n.data("type") + ")");
        li.addEventListener("click", function () { show(n); cy.animate({ center: { eles: n }, zoom: 1.5 }); });
        matches.appendChild(li);
      });
  });
  window.zhkg = { cy: cy, show: show };
})();
</script>
</body>
</html>
"##;

/// The page for `g`.
pub fn html(g: &Graph) -> String {
    let data = cytoscape_json(g).to_string().replace("</", "<\\/");
    let colours: serde_json::Map<String, serde_json::Value> = NODE_TYPES
        .iter()
        .map(|t| (t.to_string(), colour(t).into()))
        .collect();
    let legend: String = NODE_TYPES
        .iter()
        .map(|t| format!("<span><i style=\"background:{}\"></i>{t}</span>", colour(t)))
        .collect();
    PAGE.replace("__LEGEND__", &legend)
        .replace(
            "__COLOURS__",
            &serde_json::Value::Object(colours).to_string(),
        )
        .replace("__DATA__", &data)
        .replace("__CYTOSCAPE__", CYTOSCAPE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Node;

    #[test]
    fn the_page_needs_no_network_and_survives_closing_tags_in_names() {
        let g = Graph {
            nodes: vec![Node {
                iri: "x".into(),
                label: "</script><b>".into(),
                kind: "person".into(),
                mentions: 1,
                start: None,
                end: None,
                detail: None,
            }],
            edges: Vec::new(),
        };
        let page = html(&g);
        assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
        assert_eq!(
            page.matches("</script>").count(),
            3,
            "only the page's own closing tags"
        );
    }
}
