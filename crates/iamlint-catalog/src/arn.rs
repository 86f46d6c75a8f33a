//! ARNs: splitting a policy ARN into its six fields, ARN templates of resource types, and the
//! question rules ask: can some real ARN match both the policy's pattern and a template?

/// The six colon-separated fields of an ARN. The resource part keeps any further colons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArnParts<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

/// Why a string is not an ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArnError {
    /// It does not start with `arn:`.
    Prefix,
    /// Fewer than six colon-separated fields; the number found.
    TooFewFields(usize),
}

/// Byte offsets of each field in the original string (for sub-spans).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArnOffsets {
    pub partition: usize,
    pub service: usize,
    pub region: usize,
    pub account: usize,
    pub resource: usize,
}

/// Splits `arn:partition:service:region:account:resource` (the resource may contain `:`).
pub fn split_arn(s: &str) -> Result<(ArnParts<'_>, ArnOffsets), ArnError> {
    if !s.starts_with("arn:") {
        return Err(ArnError::Prefix);
    }
    // split at the first five colons that are not inside a `${...}` policy variable
    let cuts = match colons_by_words(s.as_bytes()) {
        Some(cuts) => cuts,
        None => colons_by_bytes(s.as_bytes()).map_err(|found| ArnError::TooFewFields(found + 1))?,
    };
    let field = |from: usize, to: usize| s.get(from..to).unwrap_or("");
    let [c0, c1, c2, c3, c4] = cuts;
    let (partition, service, region, account, resource) = (
        field(c0 + 1, c1),
        field(c1 + 1, c2),
        field(c2 + 1, c3),
        field(c3 + 1, c4),
        field(c4 + 1, s.len()),
    );
    let p = 4;
    let sv = p + partition.len() + 1;
    let r = sv + service.len() + 1;
    let a = r + region.len() + 1;
    let res = a + account.len() + 1;
    Ok((
        ArnParts {
            partition,
            service,
            region,
            account,
            resource,
        },
        ArnOffsets {
            partition: p,
            service: sv,
            region: r,
            account: a,
            resource: res,
        },
    ))
}

/// The first five colons of an ARN without a `$` before its fifth colon, found eight bytes at
/// a time; `None` when there are fewer than five or a `$` comes first (a policy variable may
/// hold colons: [`colons_by_bytes`] decides).
fn colons_by_words(bytes: &[u8]) -> Option<[usize; 5]> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // the high bit of each byte of `v` that is zero, and of no other (exact, unlike the usual
    // test, so that positions can be read off)
    let zero_bytes = |v: u64| !(((v & LOW7) + LOW7) | v | LOW7);
    let mut cuts = [0usize; 5];
    let mut found = 0;
    let mut at = 0;
    while found < cuts.len() {
        let word = match bytes.get(at..at + 8) {
            Some(chunk) => u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?),
            None => {
                // the last few bytes, padded with bytes that are neither
                let mut last = [0u8; 8];
                let tail = bytes.get(at..)?;
                if tail.is_empty() {
                    return None;
                }
                last.iter_mut().zip(tail).for_each(|(d, s)| *d = *s);
                u64::from_le_bytes(last)
            }
        };
        let mut colons = zero_bytes(word ^ (ONES * u64::from(b':')));
        let dollars = zero_bytes(word ^ (ONES * u64::from(b'$')));
        while colons != 0 {
            let bit = colons.trailing_zeros();
            // a `$` before this colon: leave it to the byte loop
            if dollars & ((1u64 << bit) - 1) != 0 {
                return None;
            }
            *cuts.get_mut(found)? = at + (bit / 8) as usize;
            found += 1;
            if found == cuts.len() {
                return Some(cuts);
            }
            colons &= colons - 1;
        }
        if dollars != 0 {
            return None;
        }
        at += 8;
    }
    Some(cuts)
}

/// [`colons_by_words`] byte by byte, skipping colons inside `${...}`; the number found when
/// there are fewer than five.
fn colons_by_bytes(bytes: &[u8]) -> Result<[usize; 5], usize> {
    let mut cuts = [0usize; 5];
    let mut found = 0;
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'{') => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                if let Some(cut) = cuts.get_mut(found) {
                    *cut = i;
                }
                found += 1;
                if found == cuts.len() {
                    return Ok(cuts);
                }
            }
            _ => {}
        }
    }
    Err(found)
}

/// A token of a policy pattern: a literal character, `?`, or `*` (policy variables count as
/// `*`: their value is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PTok {
    Lit(char),
    One,
    Star,
}

fn pattern_tokens(s: &str) -> Vec<PTok> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(end) = rest.starts_with("${").then(|| rest.find('}')).flatten() {
            out.push(PTok::Star);
            rest = rest.get(end + 1..).unwrap_or("");
            continue;
        }
        out.push(match c {
            '*' => PTok::Star,
            '?' => PTok::One,
            c => PTok::Lit(c),
        });
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// Which characters a template placeholder may stand for (always at least one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// Anything. Names may hold `/` (role paths) and even `:` (the Glue database
    /// `aws:cloudtrail`, log groups ending in `:*`), so only literals shape a template.
    Any,
    /// No `:` and no `/`: S3 bucket names, so that a bucket and its objects stay apart.
    Segment,
}

impl Placeholder {
    fn accepts(self, c: char) -> bool {
        match self {
            Placeholder::Any => true,
            Placeholder::Segment => c != ':' && c != '/',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TTok {
    Lit(char),
    Ph(Placeholder),
}

fn template_tokens(s: &str, resource_part: bool) -> Vec<TTok> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(end) = rest.starts_with("${").then(|| rest.find('}')).flatten() {
            let name = rest.get(2..end).unwrap_or("");
            rest = rest.get(end + 1..).unwrap_or("");
            let class = if name == "BucketName" && resource_part {
                Placeholder::Segment
            } else {
                Placeholder::Any
            };
            out.push(TTok::Ph(class));
            continue;
        }
        // a literal `*` in a template (a few use one) stands for anything
        out.push(if c == '*' {
            TTok::Ph(Placeholder::Any)
        } else {
            TTok::Lit(c)
        });
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// Whether some string matches both the pattern tokens `p` and the template tokens `t`.
/// A search over (pattern position, template position, inside-placeholder) states; linear in
/// `|p| × |t|`.
fn intersects(p: &[PTok], t: &[TTok]) -> bool {
    // a character both sides must match, at either end, is matched and set aside: literal
    // heads and tails (`log-group:` of `log-group:${LogGroupName}`) leave a shorter search, or
    // none at all
    let (mut p, mut t) = (p, t);
    while let ([pf, pr @ ..], [TTok::Lit(b), tr @ ..]) = (p, t) {
        match pf {
            PTok::Lit(a) if !a.eq_ignore_ascii_case(b) => return false,
            PTok::Lit(_) | PTok::One => (p, t) = (pr, tr),
            PTok::Star => break,
        }
    }
    while let ([pr @ .., pl], [tr @ .., TTok::Lit(b)]) = (p, t) {
        match pl {
            PTok::Lit(a) if !a.eq_ignore_ascii_case(b) => return false,
            PTok::Lit(_) | PTok::One => (p, t) = (pr, tr),
            PTok::Star => break,
        }
    }
    // the common shapes, decided without a search: a field that is one placeholder
    // (`${Partition}`, `${Region}`, `${Account}`) takes any one or more characters, which every
    // non-empty pattern can match; a pattern `*` matches whatever a template does (and a template
    // always matches something)
    match (p, t) {
        (_, [TTok::Ph(Placeholder::Any)]) => return !p.is_empty(),
        ([PTok::Star], _) => return true,
        _ => {}
    }
    if let Some(answer) = intersects_by_bits(p, t) {
        return answer;
    }
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut s) => intersects_with(p, t, &mut s),
        // re-entered (cannot happen today): fall back to fresh buffers
        Err(_) => intersects_with(p, t, &mut Scratch::default()),
    })
}

/// [`intersects`] for a template of fewer than 127 tokens (`None` for a longer one): the
/// search's states for each pattern position at once, as bit sets over template positions,
/// one for states between tokens and one for states inside a placeholder.
fn intersects_by_bits(p: &[PTok], t: &[TTok]) -> Option<bool> {
    let n = t.len();
    if n >= 127 {
        return None;
    }
    // positions below `k`
    let below = |k: usize| (1u128 << k) - 1;
    let placeholders = t
        .iter()
        .enumerate()
        .filter(|(_, tok)| matches!(tok, TTok::Ph(_)))
        .fold(0u128, |m, (j, _)| m | 1 << j);
    let literals = below(n) & !placeholders;
    // at template position 0, outside any placeholder
    let (mut between, mut inside) = (1u128, 0u128);
    for tok in p {
        let live = between | inside;
        if live == 0 {
            return Some(false);
        }
        // (template positions whose literal matches the character, placeholders that take it)
        let (matching, taking) = match *tok {
            // `*`: any number of characters, each chosen to suit: every later position, and
            // every placeholder from the first live position on
            PTok::Star => {
                let first = live.trailing_zeros() as usize;
                between |= below(n + 1) & !below(first + 1);
                inside |= placeholders & !below(first);
                continue;
            }
            PTok::One => (literals, placeholders),
            // only the live positions (a few, but after a `*`) are looked at
            PTok::Lit(c) => {
                let (mut matching, mut taking) = (0u128, 0u128);
                let mut rest = live;
                while rest != 0 {
                    let j = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    match t.get(j) {
                        Some(TTok::Lit(b)) if b.eq_ignore_ascii_case(&c) => matching |= 1 << j,
                        Some(TTok::Ph(class)) if class.accepts(c) => taking |= 1 << j,
                        _ => {}
                    }
                }
                (matching, taking)
            }
        };
        // a literal moves on; a placeholder takes the character and may end after it
        inside = live & taking;
        between = ((live & matching) << 1) | (inside << 1);
    }
    Some(between >> n & 1 == 1)
}

/// A search state of [`intersects`]: pattern position, template position, inside a
/// placeholder.
type State = (usize, usize, bool);

/// Buffers of [`intersects`], reused: it runs for many template × pattern pairs. A state is
/// seen when its stamp is the current search's, so no search clears the table (most visit a
/// few dozen of its states).
#[derive(Default)]
struct Scratch {
    stamps: Vec<u32>,
    search: u32,
    stack: Vec<State>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn intersects_with(p: &[PTok], t: &[TTok], scratch: &mut Scratch) -> bool {
    let width = t.len() + 1;
    let states = (p.len() + 1) * width * 2;
    if scratch.stamps.len() < states {
        scratch.stamps.resize(states, 0);
    }
    scratch.search = match scratch.search.checked_add(1) {
        Some(n) => n,
        None => {
            // after 4 billion searches, start the stamps afresh
            scratch.stamps.fill(0);
            1
        }
    };
    let search = scratch.search;
    let (seen, stack) = (&mut scratch.stamps, &mut scratch.stack);
    stack.clear();
    stack.push((0usize, 0usize, false));
    while let Some((i, j, inside)) = stack.pop() {
        let key = (i * width + j) * 2 + usize::from(inside);
        match seen.get_mut(key) {
            Some(s) if *s != search => *s = search,
            _ => continue,
        }
        if i == p.len() && j == t.len() {
            return true;
        }
        let pt = p.get(i).copied();
        let tt = t.get(j).copied();
        // ε-moves: `*` may match nothing; a placeholder that has matched a character may end
        if pt == Some(PTok::Star) {
            stack.push((i + 1, j, inside));
        }
        if inside && matches!(tt, Some(TTok::Ph(_))) {
            stack.push((i, j + 1, false));
        }
        // consume one character on both sides
        let (Some(pt), Some(tt)) = (pt, tt) else {
            continue;
        };
        let compatible = match (pt, tt) {
            // template literals (`stateMachine:`, `role/`) are compared ignoring case: the
            // reference and AWS's own policies disagree on it, and a false "matches nothing"
            // is worse than a missed one
            (PTok::Lit(a), TTok::Lit(b)) => a.eq_ignore_ascii_case(&b),
            (PTok::Lit(a), TTok::Ph(class)) => class.accepts(a),
            (PTok::One | PTok::Star, _) => true,
        };
        if !compatible {
            continue;
        }
        let ni = if pt == PTok::Star { i } else { i + 1 };
        match tt {
            TTok::Lit(_) => stack.push((ni, j + 1, false)),
            TTok::Ph(_) => stack.push((ni, j, true)),
        }
    }
    false
}

/// Whether the glob `pattern` (`*`, `?`, literal) matches `text` exactly, ignoring ASCII case
/// when `ignore_case`. Works on the strings in place (no allocation); `?` matches one
/// character, however many bytes it has.
pub fn glob_match(pattern: &str, text: &str, ignore_case: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        return glob_match_ascii(pattern.as_bytes(), text.as_bytes(), ignore_case);
    }
    glob_match_chars(pattern, text, ignore_case)
}

/// [`glob_match`] character by character, for text beyond ASCII.
fn glob_match_chars(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let eq = |a: char, b: char| {
        if ignore_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0usize, 0usize);
    // position after the last `*` in the pattern, and where in the text it started matching
    let mut star: Option<(usize, usize)> = None;
    let char_at = |s: &str, i: usize| s.get(i..).and_then(|r| r.chars().next());
    while ti < t.len() {
        let tc = char_at(text, ti);
        match char_at(pattern, pi) {
            Some('*') => {
                pi += 1;
                star = Some((pi, ti));
            }
            Some(pc) if tc.is_some_and(|tc| pc == '?' || eq(pc, tc)) => {
                pi += pc.len_utf8();
                ti += tc.map_or(1, char::len_utf8);
            }
            _ => match star {
                Some((sp, st)) => {
                    let step = char_at(text, st).map_or(1, char::len_utf8);
                    pi = sp;
                    ti = st + step;
                    star = Some((sp, st + step));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

/// [`glob_match`] when pattern and text are ASCII, so that a byte is a character.
fn glob_match_ascii(p: &[u8], t: &[u8], ignore_case: bool) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&tc) = t.get(ti) {
        match p.get(pi) {
            Some(b'*') => {
                pi += 1;
                star = Some((pi, ti));
            }
            Some(&pc)
                if pc == b'?' || pc == tc || (ignore_case && pc.eq_ignore_ascii_case(&tc)) =>
            {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

/// Whether some string matches both globs `a` and `b` (`*`, `?`, literal characters), ignoring
/// ASCII case when `ignore_case`. A search over pairs of positions, `O(|a| × |b|)`; no
/// allocation beyond one table of visited pairs.
pub fn globs_intersect(a: &str, b: &str, ignore_case: bool) -> bool {
    let same = |(c, d): (char, char)| {
        c == '?' || d == '?' || c == d || (ignore_case && c.eq_ignore_ascii_case(&d))
    };
    // a string both match starts with both texts before their first `*` and ends with both
    // texts after their last `*`: most pairs differ there, and need no search
    let head = |g| str::chars(g).take_while(|c| *c != '*');
    let tail = |g| str::chars(g).rev().take_while(|c| *c != '*');
    if !head(a).zip(head(b)).all(same) || !tail(a).zip(tail(b)).all(same) {
        return false;
    }
    let (p, q): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = q.len() + 1;
    let mut seen = vec![false; (p.len() + 1) * width];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        match seen.get_mut(i * width + j) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        let (x, y) = (p.get(i).copied(), q.get(j).copied());
        match (x, y) {
            (None, None) => return true,
            // a star may match nothing, or eat one character the other side produces
            (Some('*'), _) | (_, Some('*')) => {
                if x == Some('*') {
                    stack.push((i + 1, j));
                    if y.is_some() && y != Some('*') {
                        stack.push((i, j + 1));
                    }
                }
                if y == Some('*') {
                    stack.push((i, j + 1));
                    if x.is_some() && x != Some('*') {
                        stack.push((i + 1, j));
                    }
                }
            }
            (Some(c), Some(d)) if same((c, d)) => stack.push((i + 1, j + 1)),
            _ => {}
        }
    }
    false
}

/// A resource type's ARN template, such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
#[derive(Debug, Clone)]
pub struct ArnTemplate {
    pub text: &'static str,
    /// The literal service field (`s3`).
    pub service: &'static str,
    /// Whether the template has a region field (`${Region}`) rather than an empty one.
    pub has_region: bool,
    /// Whether the template has an account field (`${Account}`, `aws`, ...) rather than an
    /// empty one.
    pub has_account: bool,
    /// The literal account field, when it is one (`aws` for AWS managed policies).
    pub literal_account: Option<&'static str>,
    partition: Vec<TTok>,
    region: Vec<TTok>,
    account: Vec<TTok>,
    resource: Vec<TTok>,
    /// The literal text before the resource part's first placeholder, and after its last:
    /// a cheap test that rules out most templates before the full intersection.
    resource_head: &'static str,
    resource_tail: &'static str,
}

/// The literal head of a glob or template (up to the first `*`, `?` or `${`) and its literal
/// tail (after the last one). For a string without either, both are the whole string.
fn literal_ends(s: &str, question_is_wild: bool) -> (&str, &str) {
    let wild = |c: char| c == '*' || (question_is_wild && c == '?');
    let head_end = s
        .find(|c: char| wild(c))
        .into_iter()
        .chain(find_placeholder(s))
        .min()
        .unwrap_or(s.len());
    if head_end == s.len() {
        return (s, s);
    }
    let tail_start = s
        .rfind(|c: char| wild(c))
        .map(|i| i + 1)
        .into_iter()
        .chain(s.rfind('}').filter(|_| s.contains("${")).map(|i| i + 1))
        .max()
        .unwrap_or(0);
    (
        s.get(..head_end).unwrap_or(""),
        s.get(tail_start.max(head_end)..).unwrap_or(""),
    )
}

/// Whether two literal heads (or, with `tail`, two literal tails) can belong to one string:
/// the shorter must begin (end) the longer, ignoring ASCII case.
fn ends_agree(a: &str, b: &str, tail: bool) -> bool {
    let n = a.len().min(b.len());
    let (x, y) = if tail {
        (a.get(a.len() - n..), b.get(b.len() - n..))
    } else {
        (a.get(..n), b.get(..n))
    };
    match (x, y) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        // a cut inside a multi-byte character: let the full comparison decide
        _ => true,
    }
}

/// A policy's resource pattern, tokenised once to be compared with many templates.
#[derive(Debug, Clone)]
pub struct ResourcePattern<'a> {
    head: &'a str,
    tail: &'a str,
    tokens: Vec<PTok>,
}

impl<'a> ResourcePattern<'a> {
    pub fn new(resource: &'a str) -> Self {
        let (head, tail) = literal_ends(resource, true);
        ResourcePattern {
            head,
            tail,
            tokens: pattern_tokens(resource),
        }
    }
}

/// A policy's ARN pattern, tokenised once to be compared with many templates. An empty region
/// or account has no tokens: it is let through (see [`ArnTemplate::may_match`]).
#[derive(Debug, Clone)]
pub struct ArnPattern<'a> {
    partition: Vec<PTok>,
    region: Option<Vec<PTok>>,
    account: Option<Vec<PTok>>,
    resource: ResourcePattern<'a>,
}

impl<'a> ArnPattern<'a> {
    pub fn new(arn: &ArnParts<'a>) -> Self {
        let field = |f: &str| (!f.is_empty()).then(|| pattern_tokens(f));
        ArnPattern {
            partition: pattern_tokens(arn.partition),
            region: field(arn.region),
            account: field(arn.account),
            resource: ResourcePattern::new(arn.resource),
        }
    }
}

impl ArnTemplate {
    /// [`ArnTemplate::resource_may_match`] for a pattern prepared once.
    pub fn resource_may_match_pattern(&self, p: &ResourcePattern<'_>) -> bool {
        ends_agree(p.head, self.resource_head, false)
            && ends_agree(p.tail, self.resource_tail, true)
            && intersects(&p.tokens, &self.resource)
    }

    /// Compiles a template; `None` if it is not an ARN.
    pub fn compile(text: &'static str) -> Option<ArnTemplate> {
        let (parts, _) = split_arn(text).ok()?;
        let literal_account =
            (!parts.account.is_empty() && !parts.account.contains("${")).then_some(parts.account);
        let (resource_head, resource_tail) = literal_ends(parts.resource, false);
        Some(ArnTemplate {
            resource_head,
            resource_tail,
            text,
            service: parts.service,
            has_region: !parts.region.is_empty(),
            has_account: !parts.account.is_empty(),
            literal_account,
            partition: template_tokens(parts.partition, false),
            region: template_tokens(parts.region, false),
            account: template_tokens(parts.account, false),
            resource: template_tokens(parts.resource, true),
        })
    }

    /// Whether some ARN matches both this template and the policy pattern `arn` (with `*`,
    /// `?` and policy variables). The service field is compared by the caller. An empty region
    /// or account in the pattern is let through: whether the field may be empty is a separate
    /// question (AWS's own shared resources, such as public SSM documents, have no account).
    pub fn may_match(&self, arn: &ArnParts<'_>) -> bool {
        self.may_match_pattern(&ArnPattern::new(arn))
    }

    /// [`ArnTemplate::may_match`] for a pattern prepared once.
    pub fn may_match_pattern(&self, p: &ArnPattern<'_>) -> bool {
        let r = &p.resource;
        ends_agree(r.head, self.resource_head, false)
            && ends_agree(r.tail, self.resource_tail, true)
            && self.fields_may_match(p)
            && intersects(&r.tokens, &self.resource)
    }

    /// [`ArnTemplate::may_match_pattern`] without the resource part: the partition, region
    /// and account fields, for a template whose resource part is known to fit.
    pub fn fields_may_match(&self, p: &ArnPattern<'_>) -> bool {
        intersects(&p.partition, &self.partition)
            && p.region
                .as_ref()
                .is_none_or(|t| intersects(t, &self.region))
            && p.account
                .as_ref()
                .is_none_or(|t| intersects(t, &self.account))
    }

    /// Whether the resource part of the policy pattern could match this template's resource
    /// part (fields other than the resource are not compared).
    pub fn resource_may_match(&self, resource: &str) -> bool {
        self.resource_ends_agree(resource) && intersects(&pattern_tokens(resource), &self.resource)
    }

    /// The cheap necessary condition: the literal heads and tails of the policy's resource
    /// part and the template's agree.
    fn resource_ends_agree(&self, resource: &str) -> bool {
        let (head, tail) = literal_ends(resource, true);
        ends_agree(head, self.resource_head, false) && ends_agree(tail, self.resource_tail, true)
    }

    /// Whether the policy pattern matches *every* ARN of this template: each placeholder must
    /// fall under a `*` of the pattern. Used to find wildcards that amount to `"*"`.
    pub fn covered_by(&self, arn: &ArnParts<'_>) -> bool {
        // a policy applies within one partition, so naming it (`aws`) covers `${Partition}`
        let partition_ok = !arn.partition.is_empty() || covers(arn.partition, &self.partition);
        partition_ok
            && covers(arn.region, &self.region)
            && covers(arn.account, &self.account)
            && covers(arn.resource, &self.resource)
    }
}

/// Whether `pattern` matches every string of the template segment `t`: it must match the
/// segment with each placeholder replaced by text only a `*` can absorb.
fn covers(pattern: &str, t: &[TTok]) -> bool {
    const MARK: char = '\u{1}';
    let spelled: String = t
        .iter()
        .map(|tok| match tok {
            TTok::Lit(c) => *c,
            TTok::Ph(_) => MARK,
        })
        .collect();
    // a `?` must not absorb a placeholder, and literals never equal MARK
    let p: String = pattern
        .chars()
        .map(|c| if c == '?' { '\u{2}' } else { c })
        .collect();
    glob_match(&p, &spelled, false) || (pattern == "*")
}

/// Where the first `${` of `s` starts. A byte scan: for strings as short as keys and ARN
/// fields, `str::find` spends more on preparing its search than on searching.
pub(crate) fn find_placeholder(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| w == b"${")
}

/// Whether a condition key name matches a catalog key template such as
/// `aws:RequestTag/${TagKey}` (names are case-insensitive; each placeholder stands for at
/// least one character). No allocation: the template's literal pieces are matched in order.
pub fn key_matches(template: &str, key: &str) -> bool {
    let Some(head) = find_placeholder(template) else {
        return template.eq_ignore_ascii_case(key);
    };
    // most keys already differ in the literal head: no need to split the template then
    if !key
        .as_bytes()
        .get(..head)
        .is_some_and(|p| p.eq_ignore_ascii_case(template.as_bytes().get(..head).unwrap_or(&[])))
    {
        return false;
    }
    // literal pieces between placeholders: lit0 ${..} lit1 ${..} ... litN
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(start) = find_placeholder(rest) {
        pieces.push(rest.get(..start).unwrap_or(""));
        rest = match rest.get(start..).and_then(|r| r.find('}')) {
            Some(end) => rest.get(start + end + 1..).unwrap_or(""),
            None => "",
        };
    }
    pieces.push(rest);
    let Some((first, middle_last)) = pieces.split_first() else {
        return false;
    };
    let Some((last, middle)) = middle_last.split_last() else {
        return false;
    };
    let kb = key.as_bytes();
    let starts = kb
        .get(..first.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(first.as_bytes()));
    let ends = kb.len() >= last.len()
        && kb
            .get(kb.len() - last.len()..)
            .is_some_and(|s| s.eq_ignore_ascii_case(last.as_bytes()));
    if !starts || !ends {
        return false;
    }
    // between the prefix and the suffix: each middle piece in order, with at least one
    // character before it (for the placeholder) and one after the last one
    let mut at = first.len() + 1;
    let end = kb.len() - last.len();
    for piece in middle {
        let pb = piece.as_bytes();
        let found = (at..end.saturating_sub(pb.len()).max(at)).find(|&i| {
            kb.get(i..i + pb.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(pb))
        });
        match found {
            Some(i) => at = i + pb.len() + 1,
            None => return false,
        }
    }
    at <= end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &'static str) -> ArnTemplate {
        ArnTemplate::compile(s).unwrap()
    }

    fn may(template: &'static str, arn: &str) -> bool {
        let (parts, _) = split_arn(arn).unwrap();
        t(template).may_match(&parts)
    }

    /// What `intersects` sets aside or decides without a search is decided as the search
    /// does, for every pattern and template up to a few tokens.
    #[test]
    fn shortcuts_agree_with_the_search() {
        let mut scratch = Scratch::default();
        let mut shortcuts = 0;
        let any = TTok::Ph(Placeholder::Any);
        let segment = TTok::Ph(Placeholder::Segment);
        let (a, slash) = (PTok::Lit('a'), PTok::Lit('/'));
        // longer strings over two literals, shorter ones with a second case as well
        for (pattern_alphabet, template_alphabet, lengths) in [
            (
                vec![a, slash, PTok::One, PTok::Star],
                vec![TTok::Lit('a'), TTok::Lit('/'), any, segment],
                (5, 4),
            ),
            (
                vec![a, PTok::Lit('A'), slash, PTok::One, PTok::Star],
                vec![TTok::Lit('a'), TTok::Lit('A'), TTok::Lit('/'), any, segment],
                (4, 3),
            ),
        ] {
            for p in sequences(&pattern_alphabet, lengths.0) {
                for t in sequences(&template_alphabet, lengths.1) {
                    let full = intersects_with(&p, &t, &mut scratch);
                    assert_eq!(intersects(&p, &t), full, "{p:?} {t:?}");
                    let literal_end = |pe: Option<&PTok>, te: Option<&TTok>| {
                        matches!(
                            (pe, te),
                            (Some(PTok::Lit(_) | PTok::One), Some(TTok::Lit(_)))
                        )
                    };
                    shortcuts += usize::from(
                        literal_end(p.first(), t.first())
                            || literal_end(p.last(), t.last())
                            || p == [PTok::Star]
                            || t == [any],
                    );
                }
            }
        }
        assert!(shortcuts > 100_000, "{shortcuts}");
        // a template too long for the bit sets is searched
        let long: Vec<TTok> = std::iter::repeat_n(TTok::Lit('a'), 130)
            .chain([any])
            .collect();
        assert!(intersects_by_bits(&[PTok::Star], &long).is_none());
        let mut p = vec![PTok::Lit('a'); 130];
        p.push(PTok::Lit(':'));
        assert!(intersects(&p, &long));
        p.pop();
        assert!(!intersects(&p, &long));
    }

    /// Colons found eight bytes at a time are those the byte loop finds, for any string of
    /// colons, dollars, braces and letters (the word loop gives up on a `$`).
    #[test]
    fn colons_by_words_agree_with_the_byte_loop() {
        let mut by_words = 0;
        for s in strings(&[':', '$', '{', '}', 'a'], 8) {
            let bytes = colons_by_bytes(s.as_bytes());
            if let Some(words) = colons_by_words(s.as_bytes()) {
                by_words += 1;
                assert_eq!(Ok(words), bytes, "{s}");
            }
        }
        assert!(by_words > 1000, "{by_words}");
        // long fields, colons across word boundaries, and a variable late in the resource
        for s in [
            "arn:aws:iam::123456789012:role/service-role/x",
            "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/aws/x:*",
            "arn:aws:s3:::bucket/${aws:username}/*",
            "arn:aws:ec2:${aws:RequestedRegion}:${aws:PrincipalAccount}:vpc/*",
            "arn:aws:sqs:us-east-1:111122223333",
        ] {
            let bytes = colons_by_bytes(s.as_bytes());
            match colons_by_words(s.as_bytes()) {
                Some(words) => assert_eq!(Ok(words), bytes, "{s}"),
                // fewer than five colons, or a `$` before the fifth
                None => assert!(
                    bytes.is_err_and(|found| found == s.matches(':').count())
                        || s.get(..bytes.unwrap()[4]).unwrap().contains('$'),
                    "{s}"
                ),
            }
        }
    }

    const BUCKET: &str = "arn:${Partition}:s3:::${BucketName}";
    const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    const ROLE: &str = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    const LOG_GROUP: &str = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";

    /// Every sequence over `alphabet` of at most `max` items.
    fn sequences<T: Copy>(alphabet: &[T], max: usize) -> Vec<Vec<T>> {
        let mut out = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|s: &Vec<T>| {
                    alphabet.iter().map(move |c| {
                        let mut v = s.clone();
                        v.push(*c);
                        v
                    })
                })
                .collect();
            out.extend(last.iter().cloned());
        }
        out
    }

    /// Every string over `alphabet` of at most `max` characters.
    fn strings(alphabet: &[char], max: usize) -> Vec<String> {
        sequences(alphabet, max)
            .into_iter()
            .map(|s| s.into_iter().collect())
            .collect()
    }

    /// `split_arn` cuts where a byte-by-byte scan for colons outside `${...}` does, on every
    /// short string of the bytes that matter.
    #[test]
    fn arn_fields_are_cut_as_a_plain_scan_cuts_them() {
        let scan = |s: &str| {
            let (mut cuts, mut depth) = (Vec::new(), 0usize);
            let b = s.as_bytes();
            for (i, &c) in b.iter().enumerate() {
                match c {
                    b'$' if b.get(i + 1) == Some(&b'{') => depth += 1,
                    b'}' if depth > 0 => depth -= 1,
                    b':' if depth == 0 && cuts.len() < 5 => cuts.push(i),
                    _ => {}
                }
            }
            cuts
        };
        for tail in strings(&[':', '$', '{', '}', 'a', 'é'], 6) {
            let s = format!("arn::{tail}::");
            let expected = scan(&s);
            match split_arn(&s) {
                Ok((_, o)) => {
                    assert_eq!(expected.len(), 5, "{s}");
                    let p = &o;
                    let cut = |x: usize| x.checked_sub(1);
                    assert_eq!(
                        [
                            cut(p.service),
                            cut(p.region),
                            cut(p.account),
                            cut(p.resource)
                        ],
                        [1, 2, 3, 4].map(|k| expected.get(k).copied()),
                        "{s}"
                    );
                }
                Err(ArnError::TooFewFields(n)) => assert_eq!(n, expected.len() + 1, "{s}"),
                Err(e) => panic!("{s}: {e:?}"),
            }
        }
    }

    #[test]
    fn globs_intersect_agrees_with_enumeration() {
        // every pair of patterns of up to three tokens; a common string, if there is one,
        // has at most six characters
        let patterns = strings(&['a', 'b', '*', '?'], 3);
        let texts = strings(&['a', 'b'], 6);
        for a in &patterns {
            for b in &patterns {
                let expected = texts
                    .iter()
                    .any(|t| glob_match(a, t, false) && glob_match(b, t, false));
                assert_eq!(globs_intersect(a, b, false), expected, "`{a}` and `{b}`");
            }
        }
    }

    #[test]
    fn globs_intersect_cases() {
        assert!(globs_intersect("s3:Get*", "S3:getobject", true));
        assert!(!globs_intersect("s3:Get*", "S3:getobject", false));
        assert!(globs_intersect("s3:*Object", "*:Get*", true));
        assert!(!globs_intersect("s3:Put*", "s3:Get*", true));
        assert!(!globs_intersect("ec2:*", "s3:*", true));
        assert!(globs_intersect("arn:aws:s3:::b/*", "*", false));
        assert!(globs_intersect("é?", "?x", false));
    }

    #[test]
    fn split_fields_and_offsets() {
        let (p, o) = split_arn("arn:aws:logs:us-east-1:123456789012:log-group:x:*").unwrap();
        assert_eq!(
            (p.partition, p.service, p.region, p.account, p.resource),
            ("aws", "logs", "us-east-1", "123456789012", "log-group:x:*")
        );
        assert_eq!(o.resource, 36);
        assert_eq!(split_arn("arn:aws:s3"), Err(ArnError::TooFewFields(3)));
        let (p, o) = split_arn("arn:aws:kms:*:${aws:PrincipalAccount}:key/*").unwrap();
        assert_eq!(
            (p.account, p.resource, o.resource),
            ("${aws:PrincipalAccount}", "key/*", 38)
        );
        assert_eq!(split_arn("s3:::b"), Err(ArnError::Prefix));
    }

    #[test]
    fn buckets_and_objects_stay_apart() {
        assert!(may(BUCKET, "arn:aws:s3:::example"));
        assert!(!may(BUCKET, "arn:aws:s3:::example/*"));
        assert!(!may(OBJECT, "arn:aws:s3:::example"));
        assert!(may(OBJECT, "arn:aws:s3:::example/*"));
        assert!(may(OBJECT, "arn:aws:s3:::example/a/b/c.txt"));
        // a trailing `*` could be either
        assert!(may(BUCKET, "arn:aws:s3:::example*"));
        assert!(may(OBJECT, "arn:aws:s3:::example*"));
        // fields are matched separately
        assert!(!may(BUCKET, "arn:aws:s3:us-east-1::example"));
        // an empty account is judged by the field rules, not here
        assert!(may(ROLE, "arn:aws:iam:::role/x"));
        assert!(may(BUCKET, "arn:aws:s3:*:*:example"));
    }

    #[test]
    fn paths_colons_and_variables() {
        assert!(may(ROLE, "arn:aws:iam::123456789012:role/service-role/x"));
        assert!(!may(ROLE, "arn:aws:iam::123456789012:user/x"));
        assert!(may(ROLE, "arn:aws:iam::*:role/${aws:username}"));
        assert!(may(
            LOG_GROUP,
            "arn:aws:logs:*:*:log-group:/aws/lambda/fn:*"
        ));
        assert!(may(
            LOG_GROUP,
            "arn:aws:logs:us-east-1:123456789012:log-group:x"
        ));
        assert!(!may(
            LOG_GROUP,
            "arn:aws:logs:us-east-1:123456789012:log-stream:x"
        ));
        assert!(may(LOG_GROUP, "arn:aws:logs:us-east-1::log-group:x"));
    }

    #[test]
    fn coverage() {
        let cov =
            |template: &'static str, arn: &str| t(template).covered_by(&split_arn(arn).unwrap().0);
        assert!(cov(BUCKET, "arn:aws:s3:::*"));
        assert!(!cov(OBJECT, "arn:aws:s3:::*/reports/*"));
        assert!(cov(OBJECT, "arn:aws:s3:::*/*"));
        assert!(cov(OBJECT, "arn:*:s3:::*"));
        assert!(!cov(BUCKET, "arn:aws:s3:::prod-*"));
        assert!(cov(ROLE, "arn:aws:iam::*:role/*"));
        assert!(!cov(ROLE, "arn:aws:iam::123456789012:role/*"));
    }

    #[test]
    fn key_templates() {
        assert!(key_matches(
            "aws:RequestTag/${TagKey}",
            "aws:requesttag/team"
        ));
        assert!(!key_matches("aws:RequestTag/${TagKey}", "aws:RequestTag/"));
        assert!(key_matches("s3:prefix", "S3:Prefix"));
        assert!(!key_matches("s3:prefix", "s3:prefixes"));
        assert!(key_matches(
            "codebuild:fileSystemLocations/${identifier}.location",
            "codebuild:fileSystemLocations/x.location"
        ));
        assert!(!key_matches("s3:prefix", "s3:*"));
        assert!(key_matches("a:${X}.v/${Y}.w", "a:1.v/2.w"));
        assert!(!key_matches("a:${X}.v/${Y}.w", "a:.v/2.w"));
        assert!(!key_matches("a:${X}.v/${Y}.w", "a:1.v/.w"));
        assert!(!key_matches("a:${X}/b", "a:/b"));
        assert!(key_matches("a:${X}/b", "a:x/y/b"));
    }

    #[test]
    fn globbing_handles_multibyte_and_backtracking() {
        assert!(glob_match("a?c", "aéc", false));
        assert!(!glob_match("a?c", "aééc", false));
        assert!(glob_match("*é*", "xxéyy", false));
        assert!(glob_match("a*b*c*d", "aXbYcZd", true));
        assert!(!glob_match("a*b*c*d", "aXbYcZ", true));
        assert!(glob_match("**", "", true));
        assert!(!glob_match("?", "", true));
    }

    #[test]
    fn ascii_globbing_agrees_with_the_character_walk() {
        // every pattern of up to 5 symbols against every text of up to 4 letters
        let patterns = strings(&['a', 'B', '*', '?'], 5);
        let texts = strings(&['a', 'A', 'b'], 4);
        for p in &patterns {
            for t in &texts {
                for ic in [false, true] {
                    assert_eq!(
                        glob_match_ascii(p.as_bytes(), t.as_bytes(), ic),
                        glob_match_chars(p, t, ic),
                        "{p} {t} {ic}"
                    );
                }
            }
        }
    }

    #[test]
    fn globbing() {
        assert!(glob_match("s3:get*", "s3:GetObject", true));
        assert!(!glob_match("s3:get*", "s3:GetObject", false));
        assert!(glob_match("*:*", "a:b", true));
        assert!(glob_match("?3:*", "s3:x", true));
    }

    #[test]
    fn literal_ends_of_globs_and_templates() {
        assert_eq!(
            super::literal_ends("role/admin", true),
            ("role/admin", "role/admin")
        );
        assert_eq!(super::literal_ends("role/*-dev", true), ("role/", "-dev"));
        assert_eq!(super::literal_ends("a?b*c", true), ("a", "c"));
        assert_eq!(super::literal_ends("${aws:username}/x", true), ("", "/x"));
        assert_eq!(
            super::literal_ends("role/${RoleNameWithPath}", false),
            ("role/", "")
        );
        assert_eq!(
            super::literal_ends("function:${FunctionName}:${Qualifier}", false),
            ("function:", "")
        );
        assert!(super::ends_agree("role/", "ROLE/x", false));
        assert!(!super::ends_agree("roles/", "role/", false));
        assert!(super::ends_agree("-dev", "", true));
        assert!(!super::ends_agree("/x", "/y", true));
    }

    #[test]
    fn the_prefilter_keeps_every_true_match() {
        let t = ArnTemplate::compile("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")
            .unwrap();
        for resource in [
            "role/admin",
            "role/*",
            "*",
            "ro*",
            "*admin",
            "r?le/x",
            "role/${aws:username}",
            "${aws:PrincipalTag/x}",
        ] {
            let arn = format!("arn:aws:iam::111122223333:{resource}");
            let (parts, _) = split_arn(&arn).unwrap();
            assert!(t.may_match(&parts), "{resource}");
        }
        for resource in ["roles/admin", "user/x", "users/*"] {
            let arn = format!("arn:aws:iam::111122223333:{resource}");
            let (parts, _) = split_arn(&arn).unwrap();
            assert!(!t.may_match(&parts), "{resource}");
        }
    }
}
