/* The workbook's evidence panel: a click on a chart point shows the sentences behind it.
 *
 * A figure keeps its evidence in layout.meta.workbook_evidence (items, and the items of each
 * point's key); each point's key is its customdata. The panel is built from text nodes only:
 * article text is never parsed as markup. Shared by the HTML reports (bindAll, once per page)
 * and JupyterLab (attachNear, from the output under a chart). Defined once per page.
 */
(function () {
  "use strict";
  if (window.WorkbookEvidence) return;

  function el(tag, style, text) {
    var node = document.createElement(tag);
    if (style) node.setAttribute("style", style);
    if (text) node.textContent = text;
    return node;
  }

  function book(gd) {
    var meta = gd && gd.layout && gd.layout.meta;
    return meta && meta.workbook_evidence;
  }

  function pointKey(pt) {
    var cd = pt.customdata;
    if (cd === undefined && pt.data && pt.data.customdata) {
      var pn = pt.pointNumber;
      cd = Array.isArray(pn) ? (pt.data.customdata[pn[0]] || [])[pn[1]] : pt.data.customdata[pn];
    }
    return Array.isArray(cd) ? cd[0] : cd;
  }

  function itemNode(item, article) {
    article = article || {};
    var box = el("div", "margin:0.4em 0; padding:0.4em 0.6em; border-left:3px solid #1f77b4; background:#fafafa");
    box.className = "workbook-evidence-item";
    var head = el("div");
    head.appendChild(el("b", "", article.title || item.doc_id));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("small", "", [article.outlet, article.published].filter(Boolean).join(" \u00b7 ")));
    box.appendChild(head);
    var passage = el("div", "color:#666");
    if (item.before) passage.appendChild(document.createTextNode(item.before + " "));
    var sentence = el("span", "background:#fff3b0; color:#111");
    sentence.className = "workbook-evidence-sentence";
    sentence.appendChild(document.createTextNode(item.lead));
    sentence.appendChild(el("mark", "background:#f9a825; color:#111", item.mention));
    sentence.appendChild(document.createTextNode(item.tail));
    passage.appendChild(sentence);
    if (item.after) passage.appendChild(document.createTextNode(" " + item.after));
    box.appendChild(passage);
    var where = el("small");
    where.appendChild(el("code", "", item.doc_id));
    where.appendChild(document.createTextNode(" characters " + item.start + "\u2013" + item.end +
      " (sentence " + item.sentence_start + "\u2013" + item.sentence_end + ")"));
    box.appendChild(el("div")).appendChild(where);
    return box;
  }

  function show(panel, data, key) {
    var ids = data.points[key];
    if (!ids) {
      if (data.unshown) note(panel, "This point's evidence was left out to keep the page light (" +
        data.unshown + " points like it); its rows are in the tables.");
      return;
    }
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var total = (data.totals && data.totals[key]) || ids.length;
    var note = "Evidence: " + ids.length + " of " + total + " " + (data.what || "mention") + (total === 1 ? "" : "s") +
      (ids.length < total ? " (one per article first; the tables hold them all)" : "");
    panel.appendChild(el("div", "", "")).appendChild(el("small", "", note));
    ids.forEach(function (i) {
      var item = data.items[i];
      panel.appendChild(itemNode(item, (data.articles || {})[item.doc_id]));
    });
    panel.setAttribute("data-shown", key);
  }

  function note(panel, text) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.appendChild(el("small", "", text));
    panel.removeAttribute("data-shown");
  }

  function bind(gd, panel) {
    if (!gd || gd.__workbookEvidence || typeof gd.on !== "function" || !book(gd)) return false;
    gd.__workbookEvidence = panel;
    gd.on("plotly_click", function (ev) {
      var data = book(gd);
      var pt = ev && ev.points && ev.points[0];
      if (!data || !pt) return;
      var key = pointKey(pt);
      if (key) show(panel, data, key);
    });
    return true;
  }

  function newPanel(after) {
    var panel = el("div", "font-family:sans-serif; font-size:13px; max-width:72em; margin:0.8em 0 1em 0");
    panel.className = "workbook-evidence";
    panel.appendChild(el("small", "", "Click a point in the chart above to see the sentence and the article it comes from."));
    after.parentNode.insertBefore(panel, after.nextSibling);
    return panel;
  }

  /* Reports: a panel under every drawn chart that has evidence. */
  function bindAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(".workbook-figure"), function (gd) {
      if (!gd.__workbookEvidence && book(gd)) bind(gd, newPanel(gd));
    });
  }

  /* JupyterLab: the chart is the output just before the one holding this script; it may not
     have drawn yet (plotly loads lazily), so look again, at that output only, until it has. */
  function attachNear(script) {
    var panel = script && script.previousElementSibling;
    if (!panel) return;
    var tries = 0;
    var timer = setInterval(function () {
      tries += 1;
      var out = panel.closest(".jp-OutputArea-child");
      var prev = out && out.previousElementSibling;
      var gd = prev && prev.querySelector(".js-plotly-plot");
      if ((gd && bind(gd, panel)) || tries > 300) clearInterval(timer);
    }, 200);
  }

  window.WorkbookEvidence = { bind: bind, bindAll: bindAll, attachNear: attachNear, show: show };
})();
