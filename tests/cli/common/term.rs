//! A screen model for the tests on a pseudo-terminal: what a program's output (cursor moves,
//! line and screen clears, text) leaves on a screen of a given size, and what a stretch of it
//! touched.

/// The screen of a terminal as the board's output leaves it: the cursor moves, line and screen
/// clears and text of what it writes (colours and modes change no cell). `scrolled` counts the
/// lines pushed off the top, `wrapped` the lines written past the right edge.
pub struct Term {
    cells: Vec<Vec<char>>,
    columns: usize,
    row: usize,
    column: usize,
    pub scrolled: usize,
    pub wrapped: usize,
}

impl Term {
    pub fn new((columns, rows): (u16, u16)) -> Term {
        let (columns, rows) = (usize::from(columns), usize::from(rows));
        Term {
            cells: vec![vec![' '; columns]; rows],
            columns,
            row: 0,
            column: 0,
            scrolled: 0,
            wrapped: 0,
        }
    }

    pub fn feed(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\u{1b}' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        for p in chars.by_ref() {
                            if ('\u{40}'..='\u{7e}').contains(&p) {
                                self.csi(&params, p);
                                break;
                            }
                            params.push(p);
                        }
                    }
                    // OSC: up to BEL.
                    Some(']') => for _ in chars.by_ref().take_while(|&p| p != '\u{7}') {},
                    _ => {}
                },
                '\r' => self.column = 0,
                '\n' => self.line_feed(),
                c if c.is_control() => {}
                c => self.print(c),
            }
        }
    }

    fn csi(&mut self, params: &str, last: char) {
        let n: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let rows = self.cells.len();
        match last {
            'H' => {
                self.row = n.first().copied().unwrap_or(1).clamp(1, rows) - 1;
                self.column = n.get(1).copied().unwrap_or(1).max(1) - 1;
            }
            'K' => self.cells[self.row][self.column.min(self.columns)..].fill(' '),
            'J' if n[0] == 2 => self.cells.iter_mut().for_each(|r| r.fill(' ')),
            'J' => {
                self.cells[self.row][self.column.min(self.columns)..].fill(' ');
                self.cells[self.row + 1..]
                    .iter_mut()
                    .for_each(|r| r.fill(' '));
            }
            _ => {}
        }
    }

    fn print(&mut self, c: char) {
        if self.column >= self.columns {
            self.wrapped += 1;
            self.column = 0;
            self.line_feed();
        }
        self.cells[self.row][self.column] = c;
        self.column += 1;
    }

    fn line_feed(&mut self) {
        if self.row + 1 < self.cells.len() {
            self.row += 1;
            return;
        }
        self.cells.remove(0);
        self.cells.push(vec![' '; self.columns]);
        self.scrolled += 1;
    }

    /// The rows as text, trailing blanks trimmed.
    pub fn rows(&self) -> Vec<String> {
        let line = |r: &Vec<char>| r.iter().collect::<String>().trim_end().to_string();
        self.cells.iter().map(line).collect()
    }
}

/// `1,778`: a count as the board writes it.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The rows a stretch of output moves the cursor to (each `ESC[row;colH`).
pub fn rows_moved_to(output: &str) -> std::collections::BTreeSet<String> {
    output
        .split("\u{1b}[")
        .skip(1)
        .filter_map(|s| s.split_once('H').map(|(p, _)| p.to_string()))
        .filter(|p| p.chars().all(|c| c.is_ascii_digit() || c == ';'))
        .filter_map(|p| p.split(';').next().map(str::to_string))
        .collect()
}
