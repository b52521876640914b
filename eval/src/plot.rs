//! ROC and precision-recall curves as PNG and SVG (one curve per dataset, plus `overall`).
//!
//! PNG text is drawn with an embedded subset of DejaVu Sans (see `eval/assets/LICENSE-DejaVu.txt`),
//! so no system font is needed.

use crate::dataset::Label;
use crate::error::{Error, Result};
use crate::metrics::{pr_points, roc_points, Obs};
use crate::run::Prediction;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Width and height of the plots, in pixels.
pub const SIZE: (u32, u32) = (900, 700);

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans-subset.ttf");
static FONT_REGISTERED: OnceLock<bool> = OnceLock::new();

fn register_font() -> Result<()> {
    let ok = *FONT_REGISTERED.get_or_init(|| plotters::style::register_font("sans-serif", FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(Error::Plot { file: "font".to_owned(), message: "the embedded font is invalid".to_owned() })
    }
}

/// One plot: a title, axis names and named curves.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Caption.
    pub title: String,
    /// X axis name.
    pub x: String,
    /// Y axis name.
    pub y: String,
    /// `(name, points)`; points are `(x, y)` in `[0, 1]`.
    pub series: Vec<(String, Vec<(f64, f64)>)>,
    /// Draw the `y = x` chance line (ROC).
    pub diagonal: bool,
    /// Put the legend at the lower right (ROC) rather than the lower left (PR).
    pub legend_right: bool,
}

/// Tableau 10: distinct colours that stay readable on white.
const COLORS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

fn color_of(i: usize) -> RGBColor {
    COLORS.get(i % COLORS.len()).copied().unwrap_or(BLACK)
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let mut c = ChartBuilder::on(root)
        .caption(&chart.title, ("sans-serif", 26))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(60)
        .build_cartesian_2d(0f64..1f64, 0f64..1.02f64)?;
    c.configure_mesh()
        .x_desc(chart.x.as_str())
        .y_desc(chart.y.as_str())
        .label_style(("sans-serif", 16))
        .axis_desc_style(("sans-serif", 18))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    if chart.diagonal {
        c.draw_series(LineSeries::new(vec![(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.3).stroke_width(1)))?;
    }
    for (i, (name, pts)) in chart.series.iter().enumerate() {
        let (color, width) = if name == "overall" { (BLACK.to_rgba(), 3) } else { (color_of(i).to_rgba(), 2) };
        c.draw_series(LineSeries::new(pts.iter().copied(), color.stroke_width(width)))?
            .label(name.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(width)));
    }
    c.configure_series_labels()
        .position(if chart.legend_right { SeriesLabelPosition::LowerRight } else { SeriesLabelPosition::LowerLeft })
        .label_font(("sans-serif", 16))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.5))
        .draw()?;
    root.present()
}

fn plot_err(file: &Path, e: impl std::fmt::Display) -> Error {
    Error::Plot { file: file.display().to_string(), message: e.to_string() }
}

/// Draws a chart as SVG text.
pub fn svg(chart: &Chart) -> Result<String> {
    register_font()?;
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, SIZE).into_drawing_area();
        draw(&root, chart).map_err(|e| plot_err(Path::new("svg"), e))?;
    }
    Ok(s)
}

/// Draws a chart as PNG bytes.
pub fn png(chart: &Chart) -> Result<Vec<u8>> {
    register_font()?;
    let (w, h) = SIZE;
    let mut buf = vec![255u8; (w as usize) * (h as usize) * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, SIZE).into_drawing_area();
        draw(&root, chart).map_err(|e| plot_err(Path::new("png"), e))?;
    }
    let mut out = Vec::new();
    {
        let mut enc = ::png::Encoder::new(&mut out, w, h);
        enc.set_color(::png::ColorType::Rgb);
        enc.set_depth(::png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| plot_err(Path::new("png"), e))?;
        writer.write_image_data(&buf).map_err(|e| plot_err(Path::new("png"), e))?;
        writer.finish().map_err(|e| plot_err(Path::new("png"), e))?;
    }
    Ok(out)
}

/// The ROC and PR charts of text-only predictions: `overall` and one curve per dataset that has
/// both classes (a benign-only dataset has no curve).
pub fn charts(preds: &[Prediction]) -> (Chart, Chart) {
    let mut groups: BTreeMap<String, Vec<Obs>> = BTreeMap::new();
    for p in preds.iter().filter(|p| !p.context_dependent) {
        groups.entry(p.dataset.clone()).or_default().push(p.obs());
    }
    let overall: Vec<Obs> = preds.iter().filter(|p| !p.context_dependent).map(Prediction::obs).collect();
    let both = |o: &[Obs]| o.iter().any(|x| x.malicious) && o.iter().any(|x| !x.malicious);
    // `overall` first, so that the per-dataset curves are drawn over it.
    let mut named: Vec<(String, &[Obs])> = Vec::new();
    if both(&overall) {
        named.push(("overall".to_owned(), overall.as_slice()));
    }
    named.extend(groups.iter().filter(|(_, o)| both(o)).map(|(k, o)| (k.clone(), o.as_slice())));
    let positives = preds.iter().filter(|p| !p.context_dependent && p.label == Label::Malicious).count();
    let roc = Chart {
        title: format!("ROC (score; {} items, {positives} malicious)", overall.len()),
        x: "false positive rate".to_owned(),
        y: "true positive rate".to_owned(),
        series: named.iter().map(|(k, o)| (k.clone(), roc_points(o))).collect(),
        diagonal: true,
        legend_right: true,
    };
    let pr = Chart {
        title: "Precision-recall (score)".to_owned(),
        x: "recall".to_owned(),
        y: "precision".to_owned(),
        series: named.iter().map(|(k, o)| (k.clone(), pr_points(o))).collect(),
        diagonal: false,
        legend_right: false,
    };
    (roc, pr)
}

/// Writes `roc.png`, `roc.svg`, `pr.png` and `pr.svg` into `dir`; returns the files written.
pub fn write_curves(dir: &Path, preds: &[Prediction]) -> Result<Vec<PathBuf>> {
    let (roc, pr) = charts(preds);
    let mut written = Vec::new();
    for (stem, chart) in [("roc", &roc), ("pr", &pr)] {
        let p = dir.join(format!("{stem}.svg"));
        std::fs::write(&p, svg(chart)?).map_err(|e| Error::io(&p, e))?;
        written.push(p);
        let p = dir.join(format!("{stem}.png"));
        std::fs::write(&p, png(chart)?).map_err(|e| Error::io(&p, e))?;
        written.push(p);
    }
    Ok(written)
}
