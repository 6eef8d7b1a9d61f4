#include "pipeline/rules/prefilter.h"

#include <algorithm>
#include <cctype>

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

}  // namespace

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
