// Draws every chart on the page with the vendored plotly.js strict bundle (no eval, no inline code).
// Each chart is a <script type="application/json" data-grafiek="ID"> element with {data, layout,
// config}, made by portal.charts.figure_json; it is drawn into the element with id ID that
// templates/portal/_grafiek.html renders next to the figcaption.
(function () {
  "use strict";
  if (typeof window.Plotly === "undefined") { return; }
  var Plotly = window.Plotly;

  // The modebar's own PNG button draws the SVG through a blob: URL, which the portal's
  // Content-Security-Policy (img-src 'self' data:) does not allow. This button does the same
  // through a data: URL: SVG from plotly.js, drawn on a canvas here, saved as PNG. The PNG
  // carries the caption as its title, so that it still says what it shows outside the page.
  function alsPlotlyTekst(tekst) {
    return tekst.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function bewaarAlsPng(gd) {
    var opties = gd._context.toImageButtonOptions;
    var breedte = opties.width || gd._fullLayout.width;
    var hoogte = opties.height || gd._fullLayout.height;
    var schaal = opties.scale || 2;
    var bijschrift = document.getElementById(gd.getAttribute("data-bijschrift"));
    var layout = Object.assign({}, gd.layout);
    if (bijschrift) {
      layout.title = {
        text: alsPlotlyTekst(bijschrift.textContent.trim()),
        x: 0, xref: "paper", xanchor: "left", automargin: true
      };
    }
    var figuur = { data: gd.data, layout: layout, config: { locale: "nl" } };
    return Plotly.toImage(figuur, { format: "svg", width: breedte, height: hoogte })
      .then(function (svgUrl) {
        return new Promise(function (klaar, mislukt) {
          var beeld = new Image();
          beeld.onload = function () {
            var canvas = document.createElement("canvas");
            canvas.width = breedte * schaal;
            canvas.height = hoogte * schaal;
            var ctx = canvas.getContext("2d");
            ctx.fillStyle = "#ffffff"; // the chart's background is transparent
            ctx.fillRect(0, 0, canvas.width, canvas.height);
            ctx.drawImage(beeld, 0, 0, canvas.width, canvas.height);
            canvas.toBlob(function (blob) {
              if (!blob) { mislukt(new Error("PNG maken mislukt")); return; }
              var link = document.createElement("a");
              link.href = URL.createObjectURL(blob);
              link.download = (opties.filename || gd.id || "grafiek") + ".png";
              document.body.appendChild(link);
              link.click();
              document.body.removeChild(link);
              window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
              klaar();
            }, "image/png");
          };
          beeld.onerror = mislukt;
          beeld.src = svgUrl;
        });
      });
  }

  function topojsonMap() {
    var script = document.querySelector("script[data-topojson]");
    if (!script) { return ""; }
    var url = script.getAttribute("data-topojson");
    return url.substring(0, url.lastIndexOf("/") + 1);
  }

  function teken(bron) {
    var id = bron.getAttribute("data-grafiek");
    var doel = document.getElementById(id);
    if (!doel) { return; }
    var figuur;
    try {
      figuur = JSON.parse(bron.textContent);
    } catch (fout) {
      return;
    }
    var eigen = figuur.config || {};
    var pngKnop = {
      name: "png",
      title: doel.getAttribute("data-png-titel") || "Download als PNG-bestand",
      icon: Plotly.Icons.camera,
      click: bewaarAlsPng
    };
    var config = Object.assign({}, eigen, {
      // Geo maps load a topology even when its base layers are hidden: the app's own copy.
      topojsonURL: topojsonMap(),
      displaylogo: false,
      responsive: true,
      locale: "nl",
      displayModeBar: true,
      // Never offer to send the chart to Plotly's cloud or to Chart Studio: data stay here.
      showSendToCloud: false,
      showEditInChartStudio: false,
      showLink: false,
      plotlyServerURL: "",
      modeBarButtonsToRemove: ["toImage", "select2d", "lasso2d"].concat(eigen.modeBarButtonsToRemove || []),
      modeBarButtonsToAdd: [pngKnop].concat(eigen.modeBarButtonsToAdd || []),
      toImageButtonOptions: Object.assign(
        { filename: id, scale: 2 }, eigen.toImageButtonOptions || {}, { format: "png" }
      )
    });
    Plotly.newPlot(doel, figuur.data || [], figuur.layout || {}, config).then(function () {
      benoem(doel);
      doel.on("plotly_afterplot", function () { benoem(doel); });
    });
  }

  // The drawing is an image named by the caption (its numbers are in the table next to it). The
  // role goes on the chart's SVG, not on the chart's <div>: that also holds the modebar, whose
  // buttons (the PNG download) must stay reachable, and an image's content is hidden from
  // assistive technology. plotly.js's second SVG (legend, hover labels) repeats what the image
  // and the table say.
  function benoem(doel) {
    var svgs = doel.querySelectorAll("svg.main-svg");
    Array.prototype.forEach.call(svgs, function (svg, i) {
      if (i === 0) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-labelledby", doel.getAttribute("data-bijschrift"));
      } else {
        svg.setAttribute("aria-hidden", "true");
      }
    });
  }

  function tekenAlle() {
    var bronnen = document.querySelectorAll('script[type="application/json"][data-grafiek]');
    Array.prototype.forEach.call(bronnen, teken);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tekenAlle);
  } else {
    tekenAlle();
  }
}());
