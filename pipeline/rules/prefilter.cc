#include "pipeline/rules/prefilter.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <utility>

namespace policygraph {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The end of the digits starting at `i`.
size_t SkipDigits(std::string_view p, size_t i) {
  while (i < p.size() && IsDigit(p[i])) ++i;
  return i;
}

// Where the escape starting at p[i] == '\\' ends (exclusive): \x{..}, \p{..}, \P{..} include their braces.
size_t SkipEscape(std::string_view p, size_t i) {
  if (i + 1 >= p.size()) return p.size();
  const char c = p[i + 1];
  if ((c == 'x' || c == 'p' || c == 'P') && i + 2 < p.size() && p[i + 2] == '{') {
    const size_t close = p.find('}', i + 3);
    return close == std::string_view::npos ? p.size() : close + 1;
  }
  return i + 2;
}

// Where the quoted literal starting at p[i] == '\\', p[i + 1] == 'Q' ends (exclusive): after "\E", or
// at the end.
size_t SkipQuoted(std::string_view p, size_t i) {
  const size_t end = p.find("\\E", i + 2);
  return end == std::string_view::npos ? p.size() : end + 2;
}

// Where the character class starting at p[i] == '[' ends (exclusive).
size_t SkipClass(std::string_view p, size_t i) {
  ++i;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;  // a leading ']' is a literal
  while (i < p.size() && p[i] != ']') {
    if (p[i] == '\\') {
      i = SkipEscape(p, i);
    } else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
      const size_t close = p.find(":]", i + 2);
      i = close == std::string_view::npos ? p.size() : close + 2;
    } else {
      ++i;
    }
  }
  return i < p.size() ? i + 1 : p.size();
}

// The value of a run of decimal digits (saturating: counts in patterns are small).
long Count(std::string_view digits) {
  long v = 0;
  for (char c : digits) v = std::min(v * 10 + (c - '0'), 1000000L);
  return v;
}

// One alternation of a pattern (the whole pattern, or a group's body), read by BranchesOfGroup:
// where its branches are, and the way from it to the group, without copying any text.
struct Alternation {
  std::vector<std::pair<size_t, size_t>> branches;  // [start, end) of each, without the '|'
  std::vector<bool> sets_flags;                     // per branch: a bare flag group "(?i)" at its own level
  int holder = -1;                                  // the branch that holds the group, -1: none
  // In the holder: the group on the way, its body [body, body_end) and, when it is not the group
  // itself, its alternation (the next step of the way).
  size_t body = 0, body_end = 0;
  std::unique_ptr<Alternation> inner;
};

// The length of a group's opening "(?P<name>", "(?<name>", "(?:", "(?i:" or "(" at p[i] == '(',
// with the name of a named group; 0 for a bare flag group "(?i)" (its own length in `*flags_len`).
size_t GroupOpening(std::string_view p, size_t i, std::string_view* name, size_t* flags_len) {
  *name = {};
  if (i + 1 >= p.size() || p[i + 1] != '?') return 1;
  size_t j = i + 2;
  if (j < p.size() && (p[j] == 'P' || p[j] == '<')) {
    const size_t open = p[j] == 'P' ? j + 1 : j;
    const size_t close = p.find('>', open);
    if (open < p.size() && p[open] == '<' && close != std::string_view::npos) {
      *name = p.substr(open + 1, close - open - 1);
      return close + 1 - i;
    }
  }
  while (j < p.size() && p[j] != ':' && p[j] != ')') ++j;
  if (j < p.size() && p[j] == ')') {
    *flags_len = j + 1 - i;
    return 0;
  }
  return std::min(j + 1, p.size()) - i;
}

// Reads the alternation starting at p[*i] up to its closing ')' (then *i is just past it and
// *closed is set) or the end.
std::unique_ptr<Alternation> ReadAlternation(std::string_view p, size_t* i, std::string_view group, bool* closed) {
  auto alt = std::make_unique<Alternation>();
  alt->branches.emplace_back(*i, *i);
  alt->sets_flags.push_back(false);
  *closed = false;
  while (*i < p.size()) {
    const char c = p[*i];
    if (c == ')') {
      alt->branches.back().second = *i;
      ++*i;
      *closed = true;
      return alt;
    }
    if (c == '|') {
      alt->branches.back().second = *i;
      ++*i;
      alt->branches.emplace_back(*i, *i);
      alt->sets_flags.push_back(false);
    } else if (c == '\\') {
      *i = *i + 1 < p.size() && p[*i + 1] == 'Q' ? SkipQuoted(p, *i) : SkipEscape(p, *i);
    } else if (c == '[') {
      *i = SkipClass(p, *i);
    } else if (c != '(') {
      ++*i;
    } else {
      std::string_view name;
      size_t flags_len = 0;
      const size_t opening = GroupOpening(p, *i, &name, &flags_len);
      if (opening == 0) {
        alt->sets_flags.back() = true;
        *i += flags_len;
        continue;
      }
      const size_t body = *i + opening;
      *i = body;
      bool inner_closed = false;
      std::unique_ptr<Alternation> inner = ReadAlternation(p, i, group, &inner_closed);
      if (name == group || inner->holder >= 0) {
        alt->holder = static_cast<int>(alt->branches.size()) - 1;
        alt->body = body;
        alt->body_end = inner_closed ? *i - 1 : *i;
        if (name != group) alt->inner = std::move(inner);
      }
    }
  }
  alt->branches.back().second = *i;
  return alt;
}

// Whether BranchesOfGroup keeps branch b of `alt`: all when the group is not below, else the holder
// and those that set flags.
bool Kept(const Alternation& alt, size_t b) {
  return alt.holder < 0 || static_cast<int>(b) == alt.holder || alt.sets_flags[b];
}

// Whether a branch is dropped anywhere on the way from `alt` to the group.
bool Prunes(const Alternation& alt) {
  for (size_t b = 0; b < alt.branches.size(); ++b) {
    if (!Kept(alt, b)) return true;
  }
  return alt.inner != nullptr && Prunes(*alt.inner);
}

// Appends `alt`'s kept branches, joined by '|', with the way to the group pruned below.
void AppendKept(std::string_view p, const Alternation& alt, std::string& out) {
  bool first = true;
  for (size_t b = 0; b < alt.branches.size(); ++b) {
    if (!Kept(alt, b)) continue;
    if (!first) out.push_back('|');
    first = false;
    const auto [start, end] = alt.branches[b];
    if (static_cast<int>(b) != alt.holder || alt.inner == nullptr) {
      out.append(p.substr(start, end - start));
      continue;
    }
    out.append(p.substr(start, alt.body - start));
    AppendKept(p, *alt.inner, out);
    out.append(p.substr(alt.body_end, end - alt.body_end));
  }
}

}  // namespace

std::string BranchesOfGroup(std::string_view pattern, std::string_view group) {
  size_t i = 0;
  bool closed = false;
  const std::unique_ptr<Alternation> top = ReadAlternation(pattern, &i, group, &closed);
  if (closed || top->holder < 0 || !Prunes(*top)) return "";  // a stray ')': it does not compile anyway
  std::string out;
  out.reserve(pattern.size());
  AppendKept(pattern, *top, out);
  return out;
}

std::string OpenRepetitions(std::string_view p, int min_width) {
  std::string out;
  out.reserve(p.size());
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    size_t next = i + 1;
    if (c == '\\') {
      next = SkipEscape(p, i);
    } else if (c == '[') {
      next = SkipClass(p, i);
    } else if (c == '{' && i + 1 < p.size() && IsDigit(p[i + 1])) {
      // {m,n} -> {m,}; {m} and {m,} stay.
      const size_t m_end = SkipDigits(p, i + 1);
      if (m_end < p.size() && p[m_end] == ',') {
        const size_t n_end = SkipDigits(p, m_end + 1);
        if (n_end > m_end + 1 && n_end < p.size() && p[n_end] == '}' &&
            Count(p.substr(m_end + 1, n_end - m_end - 1)) - Count(p.substr(i + 1, m_end - i - 1)) >= min_width) {
          out.append(p.substr(i, m_end + 1 - i));
          out.push_back('}');
          i = n_end + 1;
          continue;
        }
      }
    }
    out.append(p.substr(i, next - i));
    i = next;
  }
  return out;
}

RE2::Options RulePatternOptions() {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(int64_t{256} << 20);
  return opts;
}

std::unique_ptr<RE2::Set> CompilePrefilterSet(const std::vector<const std::string*>& patterns) {
  auto set = std::make_unique<RE2::Set>(RulePatternOptions(), RE2::UNANCHORED);
  for (const std::string* p : patterns) {
    if (set->Add(OpenRepetitions(*p), nullptr) < 0) return nullptr;
  }
  return set->Compile() ? std::move(set) : nullptr;
}

}  // namespace policygraph
