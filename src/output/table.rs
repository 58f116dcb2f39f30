//! The tables every command prints, in the style of kubectl and gh: on a terminal, a header
//! and aligned columns without box lines, drawn by comfy-table after a small pre-pass that
//! picks the columns by rank, so that IDs, codes and links are never cut and the other
//! columns give way (cut with `…`, dropped when even that is not enough); the same columns
//! tab-separated, without colour, into a pipe.

use std::io::IsTerminal;

use crossterm::style::{Attribute, ContentStyle, Stylize};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::style::Style;
use crate::messages::{Lang, Message};

/// The stream a table is written to: its width is the one that counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Narrower than this, a table cannot show anything useful: such a COLUMNS is ignored.
const MIN_WIDTH: u16 = 20;
/// Spaces between two columns.
const GAP: usize = 2;
/// A column that gives way keeps at least this much (or its whole text, when shorter).
const MIN_CUT: usize = 6;
/// Set it to show the aligned layout into a pipe too (a number: that many columns), like
/// gh's GH_FORCE_TTY: for scripts that capture a screen, and for tests.
pub const FORCE_TTY: &str = "ASSIST_FORCE_TTY";

/// The language a layout speaks: the run's on a terminal; English into a pipe or a file,
/// where the words of a table are data a script matches (`cut -f`, `awk '$4=="OPEN"'`).
pub fn lang_of(layout: Layout) -> Lang {
    match layout {
        Layout::Aligned(_) => crate::messages::lang::current(),
        Layout::Tabs => Lang::En,
    }
}

/// The words of catalogue id `id` in `lang`: a header, a label, a word in a cell.
pub fn word(id: &'static str, lang: Lang) -> String {
    Message::new(id).render_in(lang)
}

/// How a column behaves when the width runs short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never cut (IDs, codes, links, addresses): a copied value must be whole.
    Keep,
    /// Cut with `…` first.
    Cut,
}

/// One column: its header (a catalogue id, shown upper-cased), how it fits, when it is dropped (higher first; `None`: never), and
/// how narrow a cut may make it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub fit: Fit,
    pub drop: Option<u8>,
    pub least: usize,
}

impl Column {
    /// A column that is never cut nor dropped.
    pub const fn keep(header: &'static str) -> Column {
        Column {
            header,
            fit: Fit::Keep,
            drop: None,
            least: MIN_CUT,
        }
    }

    /// A column cut with `…` when the width runs short, dropped at `rank` when even that fails.
    pub const fn cut(header: &'static str, rank: u8) -> Column {
        Column {
            header,
            fit: Fit::Cut,
            drop: Some(rank),
            least: MIN_CUT,
        }
    }

    /// Cut to no fewer than `least` columns (`WAIT_USER_C…` still tells CONFIRM from ACCESS).
    pub const fn at_least(self, least: usize) -> Column {
        Column { least, ..self }
    }

    /// Dropped as a whole at `rank` rather than cut.
    pub const fn droppable(self, rank: u8) -> Column {
        Column {
            drop: Some(rank),
            ..self
        }
    }
}

/// A cell: its text (already sanitised) and how it is painted when colour is on.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub paint: ContentStyle,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            paint: ContentStyle::new(),
        }
    }

    pub fn painted(text: impl Into<String>, paint: ContentStyle) -> Cell {
        Cell {
            text: text.into(),
            paint,
        }
    }
}

/// Where a table goes: aligned for people (within a width, when known), or tab-separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Aligned(Option<usize>),
    Tabs,
}

impl Layout {
    /// Aligned on a terminal (and always on stderr, where a table is part of a message for a
    /// person); tab-separated into a pipe or a file, unless ASSIST_FORCE_TTY is set.
    pub fn of(stream: Stream) -> Layout {
        if let Ok(forced) = std::env::var(FORCE_TTY) {
            if !forced.is_empty() {
                let columns = forced
                    .trim()
                    .parse::<u16>()
                    .ok()
                    .filter(|c| *c >= MIN_WIDTH);
                return Layout::Aligned(columns.or_else(|| width(stream)).map(usize::from));
            }
        }
        match stream {
            Stream::Stdout if !std::io::stdout().is_terminal() => Layout::Tabs,
            _ => Layout::Aligned(width(stream).map(usize::from)),
        }
    }
}

/// The width a line on stdout must fit: the terminal's (or ASSIST_FORCE_TTY's); `None` into
/// a pipe or a file, where lines stay whole.
pub fn line_width() -> Option<usize> {
    match Layout::of(Stream::Stdout) {
        Layout::Aligned(width) => width,
        Layout::Tabs => None,
    }
}

/// A table: columns, rows, and whether the header is shown.
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
    style: Style,
}

impl Table {
    pub fn new(columns: &[Column], style: Style) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
            style,
        }
    }

    pub fn add_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The lines of the table, without line ends.
    pub fn lines(&self, layout: Layout) -> Vec<String> {
        match layout {
            Layout::Tabs => self.tab_lines(),
            Layout::Aligned(width) => self.aligned_lines(width),
        }
    }

    /// Tab-separated, nothing cut: what `cut -f` and `awk -F'\t'` expect; no colour unless
    /// `--color always` asked for it.
    fn tab_lines(&self) -> Vec<String> {
        let header = (!self.style.no_headers).then(|| self.headers(Lang::En));
        let rows = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| painted(c, self.style)).collect::<Vec<_>>());
        header
            .into_iter()
            .chain(rows)
            .map(|r| r.join("\t"))
            .collect()
    }

    /// comfy-table draws the columns [`Table::fit`] chose, each within its width: no box
    /// lines, `…` where a cell is cut, colour on the text only, no trailing blanks.
    fn aligned_lines(&self, width: Option<usize>) -> Vec<String> {
        let headers = self.headers(lang_of(Layout::Aligned(width)));
        let shown = self.fit(width, &headers);
        let mut table = comfy(self.style);
        if !self.style.no_headers {
            let bold = ContentStyle::new().bold();
            let header = shown.iter().map(|&(i, _)| {
                let cell = Cell::painted(headers[i].clone(), bold);
                comfy_cell(&cell, self.style)
            });
            table.set_header(one_line(header.collect()));
        }
        for row in &self.rows {
            let cells = shown
                .iter()
                .map(|&(i, _)| comfy_cell(&row.get(i).cloned().unwrap_or_default(), self.style));
            table.add_row(one_line(cells.collect()));
        }
        let widths: Vec<usize> = shown.iter().map(|&(_, w)| w).collect();
        constrain(&mut table, &widths);
        table.lines().map(|l| l.trim_end().to_string()).collect()
    }

    /// The pre-pass: the columns shown, each with its width. Whole when the width allows;
    /// else columns are dropped by rank (the highest first) until the rest fits, and the
    /// columns that may be cut give way, the highest rank first, down to their least.
    fn fit(&self, width: Option<usize>, headers: &[String]) -> Vec<(usize, usize)> {
        let natural: Vec<usize> = (0..self.columns.len())
            .map(|i| self.natural_width(i, &headers[i]))
            .collect();
        let mut shown: Vec<usize> = (0..self.columns.len()).collect();
        let Some(width) = width else {
            return shown.iter().map(|&i| (i, natural[i])).collect();
        };
        while self.narrowest(&shown, &natural) > width {
            let Some(victim) = self.least_useful(&shown) else {
                break;
            };
            shown.retain(|&i| i != victim);
        }
        self.give_way(&shown, &natural, width)
    }

    /// How narrow `shown` can be drawn. A column is cut below its natural width only once
    /// every droppable column less useful than it is gone: dropping the creation age keeps a
    /// status whole, and a status is cut only when nothing else is left to drop.
    fn narrowest(&self, shown: &[usize], natural: &[usize]) -> usize {
        let least = |i: usize| {
            let outranked = shown
                .iter()
                .any(|&j| self.columns[j].drop > self.columns[i].drop);
            match self.columns[i].fit {
                Fit::Cut if !outranked => natural[i].min(self.columns[i].least),
                _ => natural[i],
            }
        };
        let total: usize = shown.iter().map(|&i| least(i)).sum();
        total + GAP * shown.len().saturating_sub(1)
    }

    /// The shown column dropped first: the highest rank.
    fn least_useful(&self, shown: &[usize]) -> Option<usize> {
        shown
            .iter()
            .copied()
            .filter(|&i| self.columns[i].drop.is_some())
            .max_by_key(|&i| self.columns[i].drop)
    }

    /// The widths of `shown` within `width`: the least useful column gives way first.
    fn give_way(&self, shown: &[usize], natural: &[usize], width: usize) -> Vec<(usize, usize)> {
        let mut widths: Vec<(usize, usize)> = shown.iter().map(|&i| (i, natural[i])).collect();
        let total =
            widths.iter().map(|&(_, w)| w).sum::<usize>() + GAP * widths.len().saturating_sub(1);
        let mut excess = total.saturating_sub(width);
        let mut order: Vec<usize> = (0..widths.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(self.columns[widths[n].0].drop));
        for n in order {
            let (index, width) = &mut widths[n];
            let least = match self.columns[*index].fit {
                Fit::Keep => *width,
                Fit::Cut => (*width).min(self.columns[*index].least),
            };
            let give = excess.min(width.saturating_sub(least));
            *width -= give;
            excess -= give;
        }
        widths
    }

    /// The headers in `lang`, upper-cased (which leaves Chinese as it is).
    fn headers(&self, lang: Lang) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| word(c.header, lang).to_uppercase())
            .collect()
    }

    /// The widest of the column's cells and its header, in display columns (a Chinese
    /// character takes two).
    fn natural_width(&self, index: usize, header: &str) -> usize {
        let header = if self.style.no_headers {
            0
        } else {
            header.width()
        };
        self.rows
            .iter()
            .filter_map(|r| r.get(index))
            .map(|c| c.text.width())
            .chain([header])
            .max()
            .unwrap_or(0)
    }
}

/// An empty comfy-table as every table here is drawn: the `NOTHING` preset (no box lines, like
/// kubectl), `…` for a cut, and never a look at the terminal of its own: the width and the
/// colour are decided here, from COLUMNS, ASSIST_FORCE_TTY and `--color`.
fn comfy(style: Style) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::NOTHING)
        .force_no_tty()
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .set_truncation_indicator("…");
    if style.color {
        table.enforce_styling();
        // The padding stays unpainted: a reversed row has no reversed gaps.
        table.style_text_only();
    }
    table
}

/// A row that never wraps: a cell too wide for its column is cut and ends in `…`.
fn one_line(cells: Vec<comfy_table::Cell>) -> comfy_table::Row {
    let mut row = comfy_table::Row::from(cells);
    row.max_height(1);
    row
}

/// Each column at most its width, `GAP` blanks after all but the last (none before the first).
fn constrain(table: &mut comfy_table::Table, widths: &[usize]) {
    use comfy_table::{ColumnConstraint, Width};
    for (n, width) in widths.iter().enumerate() {
        let gap = if n + 1 < widths.len() { GAP } else { 0 };
        if let Some(column) = table.column_mut(n) {
            let width = u16::try_from(width + gap).unwrap_or(u16::MAX);
            column.set_padding((0, gap as u16));
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(width)));
        }
    }
}

/// A cell for comfy-table, in its colour when colour is on.
fn comfy_cell(cell: &Cell, style: Style) -> comfy_table::Cell {
    let mut out = comfy_table::Cell::new(&cell.text);
    if !style.color {
        return out;
    }
    if let Some(color) = cell.paint.foreground_color {
        out = out.fg(color);
    }
    for attribute in [Attribute::Bold, Attribute::Dim, Attribute::Reverse] {
        if cell.paint.attributes.has(attribute) {
            out = out.add_attribute(attribute);
        }
    }
    out
}

/// A key/value list (`show`): labels aligned, one value per line. A value that may not be cut
/// (an ID, a link) and does not fit beside its label gets a line of its own, whole.
pub fn pairs(rows: &[(&str, Cell, Fit)], style: Style, layout: Layout) -> Vec<String> {
    let Layout::Aligned(width) = layout else {
        return rows
            .iter()
            .map(|(label, value, _)| format!("{label}\t{}", painted(value, style)))
            .collect();
    };
    let label_width = rows.iter().map(|(l, _, _)| l.width()).max().unwrap_or(0);
    let room = width.map(|w| w.saturating_sub(label_width + GAP));
    // A value that may be cut keeps a few columns even beside a long label.
    let cut_room = room.map(|r| r.max(MIN_CUT));
    let bold = ContentStyle::new().bold();
    let mut lines = Vec::new();
    let mut beside = Vec::new();
    for (label, value, fit) in rows {
        let label = Cell::painted(*label, bold);
        let alone = *fit == Fit::Keep && room.is_some_and(|room| value.text.width() > room);
        if !alone {
            beside.push(one_line(vec![
                comfy_cell(&label, style),
                comfy_cell(value, style),
            ]));
            continue;
        }
        let before = std::mem::take(&mut beside);
        lines.extend(pair_lines(before, label_width, cut_room, style));
        lines.push(painted(&label, style));
        lines.push(painted(value, style));
    }
    lines.extend(pair_lines(beside, label_width, cut_room, style));
    lines
}

/// Label/value rows as one comfy-table whose label column is exactly `label_width` wide, so
/// that the runs between two lone values line up with each other.
fn pair_lines(
    rows: Vec<comfy_table::Row>,
    label_width: usize,
    room: Option<usize>,
    style: Style,
) -> Vec<String> {
    if rows.is_empty() {
        return Vec::new();
    }
    let mut table = comfy(style);
    table.add_rows(rows);
    constrain(
        &mut table,
        &[label_width, room.unwrap_or(usize::from(u16::MAX))],
    );
    if let Some(labels) = table.column_mut(0) {
        let width = u16::try_from(label_width + GAP).unwrap_or(u16::MAX);
        labels.set_constraint(comfy_table::ColumnConstraint::Absolute(
            comfy_table::Width::Fixed(width),
        ));
    }
    table.lines().map(|l| l.trim_end().to_string()).collect()
}

/// A cell's text, in its colour when colour is on.
fn painted(cell: &Cell, style: Style) -> String {
    match style.color {
        true => cell.paint.apply(&cell.text).to_string(),
        false => cell.text.clone(),
    }
}

/// `text` within `width` columns, ending in `…` when it was cut.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `COLUMNS` when set (so a script or a test can fix it), else the terminal's width when the
/// stream is a terminal; `None` (no limit) for a pipe or a file.
pub fn width(stream: Stream) -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= MIN_WIDTH)
    {
        return Some(columns);
    }
    let size = match stream {
        Stream::Stdout if std::io::stdout().is_terminal() => {
            terminal_size::terminal_size_of(std::io::stdout())
        }
        Stream::Stderr if std::io::stderr().is_terminal() => {
            terminal_size::terminal_size_of(std::io::stderr())
        }
        _ => None,
    };
    size.map(|(w, _)| w.0).filter(|w| *w >= MIN_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(
            &[
                Column::keep("ID"),
                Column::cut("Name", 2),
                Column::cut("Connect", 3),
            ],
            Style::default(),
        );
        t.add_row(vec![
            Cell::new("00000000-0000-4000-8000-000000000001"),
            Cell::new("Finance laptop of the third floor"),
            Cell::new("user1 connected"),
        ]);
        t
    }

    #[test]
    fn without_a_limit_nothing_is_cut() {
        assert_eq!(
            table().lines(Layout::Aligned(None)),
            [
                "ID                                    NAME                               CONNECT",
                "00000000-0000-4000-8000-000000000001  Finance laptop of the third floor  user1 connected",
            ]
        );
    }

    #[test]
    fn a_less_useful_column_goes_before_a_more_useful_one_is_cut_and_ids_never() {
        let lines = table().lines(Layout::Aligned(Some(70)));
        assert_eq!(
            lines,
            [
                "ID                                    NAME",
                "00000000-0000-4000-8000-000000000001  Finance laptop of the third…"
            ]
        );
        let lines = table().lines(Layout::Aligned(Some(30)));
        assert_eq!(lines[1], "00000000-0000-4000-8000-000000000001");
    }

    #[test]
    fn the_last_droppable_column_is_cut_before_it_goes() {
        let mut t = table();
        t.columns[2] = Column::keep("Connect");
        let lines = t.lines(Layout::Aligned(Some(70)));
        assert_eq!(
            lines[1],
            "00000000-0000-4000-8000-000000000001  Finance laptop…  user1 connected"
        );
        assert!(lines.iter().all(|l| l.width() <= 70));
    }

    #[test]
    fn wide_characters_align_and_are_cut_by_their_width() {
        let mut t = Table::new(
            &[
                Column::keep("ID"),
                Column::cut("Name", 2),
                Column::keep("User"),
            ],
            Style::default(),
        );
        t.add_row(vec![
            Cell::new("d1"),
            Cell::new("財務部のノートPC"),
            Cell::new("王"),
        ]);
        t.add_row(vec![Cell::new("d2"), Cell::new("HR"), Cell::new("bob")]);
        assert_eq!(
            t.lines(Layout::Aligned(None)),
            [
                "ID  NAME              USER",
                "d1  財務部のノートPC  王",
                "d2  HR                bob",
            ]
        );
        assert_eq!(
            t.lines(Layout::Aligned(Some(19))),
            [
                "ID  NAME       USER",
                "d1  財務部の…  王",
                "d2  HR         bob"
            ]
        );
    }

    #[test]
    fn colour_paints_the_text_only_and_leaves_no_trailing_blanks() {
        let style = Style {
            color: true,
            ..Style::default()
        };
        let mut t = Table::new(&[Column::keep("ID"), Column::keep("Status")], style);
        let reversed = ContentStyle::new().green().reverse();
        t.add_row(vec![Cell::new("d1"), Cell::painted("OPEN", reversed)]);
        t.add_row(vec![Cell::painted("d22", reversed), Cell::new("-")]);
        let lines = t.lines(Layout::Aligned(Some(80)));
        assert_eq!(lines[1], format!("d1   {}", reversed.apply("OPEN")));
        assert_eq!(lines[2], format!("{}  -", reversed.apply("d22")));
        assert!(lines[0].contains("\u{1b}[1m"), "a bold header: {lines:?}");
    }

    #[test]
    fn columns_are_dropped_by_rank_when_cutting_is_not_enough() {
        let lines = table().lines(Layout::Aligned(Some(45)));
        assert_eq!(lines[0], "ID                                    NAME");
        assert_eq!(lines[1], "00000000-0000-4000-8000-000000000001  Financ…");
    }

    #[test]
    fn pipes_get_tabs_and_no_headers_drops_the_header() {
        let mut t = table();
        assert_eq!(
            t.lines(Layout::Tabs),
            [
                "ID\tNAME\tCONNECT",
                "00000000-0000-4000-8000-000000000001\tFinance laptop of the third floor\tuser1 connected"
            ]
        );
        t.style.no_headers = true;
        assert_eq!(t.lines(Layout::Tabs).len(), 1);
        assert_eq!(t.lines(Layout::Aligned(None)).len(), 1);
    }

    #[test]
    fn a_value_kept_whole_that_does_not_fit_gets_its_own_line() {
        let link = "https://example.com/a/very/long/link?with=query";
        let rows = [
            ("Desktop", Cell::new("d1"), Fit::Keep),
            ("Link", Cell::new(link), Fit::Keep),
            ("Status", Cell::new("OPEN (the space is open)"), Fit::Cut),
        ];
        assert_eq!(
            pairs(&rows, Style::default(), Layout::Aligned(Some(30))),
            ["Desktop  d1", "Link", link, "Status   OPEN (the space is…"]
        );
        assert_eq!(
            pairs(&rows, Style::default(), Layout::Tabs)[1],
            format!("Link\t{link}")
        );
    }

    #[test]
    fn a_wide_value_beside_its_label_is_cut_by_its_width() {
        let rows = [("Name", Cell::new("財務部のノートPC"), Fit::Cut)];
        let lines = pairs(&rows, Style::default(), Layout::Aligned(Some(20)));
        assert_eq!(lines, ["Name  財務部のノー…"]);
        assert!(lines[0].width() <= 20);
    }

    #[test]
    fn an_empty_table_is_its_header_or_nothing() {
        let mut t = Table::new(&[Column::keep("ID")], Style::default());
        assert_eq!(t.lines(Layout::Aligned(Some(80))), ["ID"]);
        t.style.no_headers = true;
        assert!(t.lines(Layout::Aligned(Some(80))).is_empty());
        assert!(t.lines(Layout::Tabs).is_empty());
    }

    /// Whether a catalogue file of `tag` defines `id`.
    fn defines(tag: &str, id: &str) -> bool {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(tag);
        std::fs::read_dir(dir).unwrap().any(|entry| {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            text.lines().any(|l| l.starts_with(&format!("{id} =")))
        })
    }

    /// Headers, labels and words are named by id where the catalogue's own test does not
    /// look (`Column::keep("col-id")`, `word("word-yes", …)`): each must have its words.
    #[test]
    fn every_id_the_output_room_names_has_its_words() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/output");
        let prefixes = [
            "col-",
            "label-",
            "word-",
            "status-meaning-",
            "age-",
            "setting-",
        ];
        let mut named = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                let is_id = !literal.ends_with('-')
                    && literal.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                if is_id && prefixes.iter().any(|p| literal.starts_with(p)) {
                    for tag in ["en", "zh-CN"] {
                        assert!(defines(tag, literal), "{tag} has no {literal}");
                    }
                    named += 1;
                }
            }
        }
        assert!(named > 40, "only {named} ids found");
    }

    #[test]
    fn cutting_counts_display_width() {
        assert_eq!(cut("日本語テキスト", 7), "日本語…");
        assert_eq!(cut("short", 5), "short");
    }
}
