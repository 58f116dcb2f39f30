//! The tables every command prints, in the style of kubectl and gh: a header and aligned
//! columns without box lines on a terminal, where IDs, codes and links are never cut and the
//! other columns give way (cut with `…`, dropped when even that is not enough); the same
//! columns tab-separated, without colour, into a pipe.

use std::io::IsTerminal;

use crossterm::style::{ContentStyle, Stylize};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::style::Style;

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

/// How a column behaves when the width runs short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never cut (IDs, codes, links, addresses): a copied value must be whole.
    Keep,
    /// Cut with `…` first.
    Cut,
}

/// One column: its header, how it fits, when it is dropped (higher first; `None`: never), and
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
        let header = (!self.style.no_headers).then(|| {
            self.columns
                .iter()
                .map(|c| c.header.to_uppercase())
                .collect()
        });
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

    fn aligned_lines(&self, width: Option<usize>) -> Vec<String> {
        let shown = self.fit(width);
        let header = (!self.style.no_headers).then(|| {
            self.columns
                .iter()
                .map(|c| Cell::painted(c.header.to_uppercase(), ContentStyle::new().bold()))
                .collect::<Vec<_>>()
        });
        header
            .iter()
            .chain(&self.rows)
            .map(|row| self.aligned_line(row, &shown))
            .collect()
    }

    /// One line: each shown cell cut to its width and padded, colour on the text only, no
    /// trailing blanks.
    fn aligned_line(&self, row: &[Cell], shown: &[(usize, usize)]) -> String {
        let mut line = String::new();
        for (n, &(index, width)) in shown.iter().enumerate() {
            let cell = row.get(index).cloned().unwrap_or_default();
            let text = cut(&cell.text, width);
            let pad = width.saturating_sub(text.width());
            if self.style.color {
                line.push_str(&cell.paint.apply(&text).to_string());
            } else {
                line.push_str(&text);
            }
            if n + 1 < shown.len() {
                line.push_str(&" ".repeat(pad + GAP));
            }
        }
        line.trim_end().to_string()
    }

    /// The columns shown, each with its width: whole when the width allows; else the columns
    /// that may be cut give way, the least useful (highest rank) first, and when even that is
    /// not enough, columns are dropped in their rank's order.
    fn fit(&self, width: Option<usize>) -> Vec<(usize, usize)> {
        let natural: Vec<usize> = (0..self.columns.len())
            .map(|i| self.natural_width(i))
            .collect();
        let least = |i: usize| match self.columns[i].fit {
            Fit::Keep => natural[i],
            Fit::Cut => natural[i].min(self.columns[i].least),
        };
        let mut shown: Vec<usize> = (0..self.columns.len()).collect();
        let Some(width) = width else {
            return shown.iter().map(|&i| (i, natural[i])).collect();
        };
        let total = |cols: &[usize], w: &dyn Fn(usize) -> usize| {
            cols.iter().map(|&i| w(i)).sum::<usize>() + GAP * cols.len().saturating_sub(1)
        };
        while total(&shown, &least) > width {
            let Some(victim) = shown
                .iter()
                .copied()
                .filter(|&i| self.columns[i].drop.is_some())
                .max_by_key(|&i| self.columns[i].drop)
            else {
                break;
            };
            shown.retain(|&i| i != victim);
        }
        let mut widths: Vec<(usize, usize)> = shown.iter().map(|&i| (i, natural[i])).collect();
        let mut excess = total(&shown, &|i| natural[i]).saturating_sub(width);
        // The least useful column (the highest rank) gives way first, down to its least.
        let mut order: Vec<usize> = (0..widths.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(self.columns[widths[n].0].drop));
        for n in order {
            let (index, width) = &mut widths[n];
            let give = excess.min(width.saturating_sub(least(*index)));
            *width -= give;
            excess -= give;
        }
        widths
    }

    fn natural_width(&self, index: usize) -> usize {
        let header = if self.style.no_headers {
            0
        } else {
            self.columns[index].header.width()
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
    let paint = |text: &str, paint: ContentStyle| match style.color {
        true => paint.apply(text).to_string(),
        false => text.to_string(),
    };
    let mut lines = Vec::new();
    for (label, value, fit) in rows {
        let label_text = paint(label, ContentStyle::new().bold());
        let pad = " ".repeat(label_width - label.width() + GAP);
        match room {
            Some(room) if value.text.width() > room && *fit == Fit::Keep => {
                lines.push(label_text);
                lines.push(paint(&value.text, value.paint));
            }
            Some(room) => lines.push(format!(
                "{label_text}{pad}{}",
                paint(&cut(&value.text, room.max(MIN_CUT)), value.paint)
            )),
            None => lines.push(format!(
                "{label_text}{pad}{}",
                paint(&value.text, value.paint)
            )),
        }
    }
    lines
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
    fn the_least_useful_column_gives_way_first_and_ids_never() {
        let lines = table().lines(Layout::Aligned(Some(70)));
        assert_eq!(
            lines[1],
            "00000000-0000-4000-8000-000000000001  Finance laptop of the t…  user1…"
        );
        assert!(lines.iter().all(|l| l.width() <= 70));
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
            [
                "Desktop  d1",
                "Link",
                link,
                "Status   OPEN (the space is o…"
            ]
        );
        assert_eq!(
            pairs(&rows, Style::default(), Layout::Tabs)[1],
            format!("Link\t{link}")
        );
    }

    #[test]
    fn cutting_counts_display_width() {
        assert_eq!(cut("日本語テキスト", 7), "日本語…");
        assert_eq!(cut("short", 5), "short");
    }
}
