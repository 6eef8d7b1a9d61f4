#include "pipeline/input/pdf_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

namespace policygraph {
namespace {

constexpr size_t kMarginLines = 2;  // lines at each end of a page that may be a header or footer

bool IsLetterByte(char c) { return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }
bool StartsLowercase(const std::string& s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

// A header or footer line's identity: lowercase, digit runs as '#', spaces collapsed.
std::string RunningKey(const std::string& line) {
  std::string key;
  for (size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (std::isdigit(c)) {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (std::isspace(c)) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += static_cast<char>(std::tolower(c));
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

// The keys of a page's first (or last) kMarginLines lines.
std::set<std::string> MarginKeys(const std::vector<PdfLine>& lines, bool top) {
  std::set<std::string> keys;
  const size_t n = std::min(kMarginLines, lines.size());
  for (size_t i = 0; i < n; ++i) keys.insert(RunningKey(lines[top ? i : lines.size() - 1 - i].text));
  keys.erase("");
  return keys;
}

bool IsWordByte(char c) { return IsLetterByte(c) || c == '-' || c == '\''; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The words of the document as its lines write them (lowercase, hyphenated compounds whole), but
// not the word a line ends with a hyphen: how the document spells a word elsewhere tells whether a
// hyphen at a line end is part of the word ("coal-impacted") or splits it ("manufac-turing").
std::unordered_set<std::string> LineWords(const std::vector<std::vector<PdfLine>>& pages) {
  std::unordered_set<std::string> words;
  for (const auto& lines : pages) {
    for (const PdfLine& l : lines) {
      size_t i = 0;
      while (i < l.text.size()) {
        while (i < l.text.size() && !IsWordByte(l.text[i])) ++i;
        const size_t start = i;
        while (i < l.text.size() && IsWordByte(l.text[i])) ++i;
        if (i > start && !(i == l.text.size() && l.text[i - 1] == '-')) words.insert(Lower(std::string_view(l.text).substr(start, i - start)));
      }
    }
  }
  return words;
}

// True when the hyphen ending `para` belongs to the word it splits: the document writes the word
// with that hyphen elsewhere ("coal-impacted") and never without it.
bool HardHyphen(const std::string& para, const std::string& line, const std::unordered_set<std::string>& words) {
  size_t head = para.size() - 1;  // the hyphen
  while (head > 0 && IsWordByte(para[head - 1])) --head;
  size_t tail = 0;
  while (tail < line.size() && IsWordByte(line[tail])) ++tail;
  const std::string first = Lower(std::string_view(para).substr(head, para.size() - 1 - head));
  const std::string rest = Lower(std::string_view(line).substr(0, tail));
  return words.contains(first + "-" + rest) && !words.contains(first + rest);
}

// Appends `line` to a paragraph: a space between, or nothing after a hyphen that splits a word
// (the hyphen dropped unless `words` show it is part of the word).
void AppendLine(std::string& para, const std::string& line, const std::unordered_set<std::string>& words) {
  if (para.empty()) {
    para = line;
    return;
  }
  if (para.size() >= 2 && para.back() == '-' && IsLetterByte(para[para.size() - 2]) && StartsLowercase(line)) {
    if (!HardHyphen(para, line, words)) para.pop_back();
  } else if (para.size() >= 2 && para.ends_with("\xC2\xAD")) {  // a soft hyphen
    para.resize(para.size() - 2);
  } else {
    para += ' ';
  }
  para += line;
}

// The usual distance between the tops of consecutive lines (their median), or 0 when unknown.
double Leading(const std::vector<std::vector<PdfLine>>& pages) {
  std::vector<double> gaps;
  for (const auto& lines : pages) {
    for (size_t i = 1; i < lines.size(); ++i) {
      const double dy = lines[i].top - lines[i - 1].top;
      if (dy > 0 && dy <= 3 * std::max(lines[i - 1].height, 1.0)) gaps.push_back(dy);
    }
  }
  if (gaps.empty()) return 0;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
  return gaps[gaps.size() / 2];
}

// True when line `next` starts a new paragraph after `prev`: a gap wider than the leading, or a
// move up the page (a new column).
bool ParagraphBreak(const PdfLine& prev, const PdfLine& next, double leading) {
  const double dy = next.top - prev.top;
  if (dy <= 0) return true;
  if (leading > 0) return dy > 1.4 * leading;
  return dy > 2 * std::max(prev.height, 1.0);
}

}  // namespace

std::vector<PdfLine> GroupLines(const std::vector<PdfWord>& words) {
  std::vector<PdfLine> lines;
  bool space = false;
  for (const PdfWord& w : words) {
    if (w.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;  // no word: a space glyph
    PdfLine* line = lines.empty() ? nullptr : &lines.back();
    const bool level = line != nullptr && std::fabs(w.y - line->top) <= 0.5 * std::max(w.height, line->height);
    if (level && w.x >= line->right - 1) {
      if (space) line->text += ' ';
      line->text += w.text;
      line->right = std::max(line->right, w.x + w.width);
      line->height = std::max(line->height, w.height);
    } else {
      lines.push_back({w.text, w.y, w.height, w.x, w.x + w.width});
    }
    space = w.space_after;
  }
  for (PdfLine& l : lines) {
    while (!l.text.empty() && std::isspace(static_cast<unsigned char>(l.text.back()))) l.text.pop_back();
  }
  return lines;
}

void DropRunningLines(std::vector<std::vector<PdfLine>>& pages) {
  if (pages.size() < 2) return;
  std::map<std::string, size_t> top_count, bottom_count;
  for (const auto& lines : pages) {
    for (const std::string& k : MarginKeys(lines, true)) ++top_count[k];
    for (const std::string& k : MarginKeys(lines, false)) ++bottom_count[k];
  }
  auto running = [&](const std::map<std::string, size_t>& counts, const std::string& key) {
    auto it = counts.find(key);
    return it != counts.end() && it->second >= 2 && it->second * 2 >= pages.size();
  };
  for (auto& lines : pages) {
    std::vector<bool> drop(lines.size(), false);
    const size_t n = std::min(kMarginLines, lines.size());
    for (size_t i = 0; i < n; ++i) {
      if (running(top_count, RunningKey(lines[i].text))) drop[i] = true;
      const size_t j = lines.size() - 1 - i;
      if (running(bottom_count, RunningKey(lines[j].text))) drop[j] = true;
    }
    std::vector<PdfLine> kept;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!drop[i]) kept.push_back(std::move(lines[i]));
    }
    lines = std::move(kept);
  }
}

std::string LayOutPages(const std::vector<std::vector<PdfLine>>& pages, std::vector<uint32_t>* page_starts) {
  const double leading = Leading(pages);
  const std::unordered_set<std::string> words = LineWords(pages);
  double left = 1e300, right = -1e300;  // the text's margins, over every page
  for (const auto& lines : pages) {
    for (const PdfLine& l : lines) left = std::min(left, l.left), right = std::max(right, l.right);
  }
  std::string out, para;  // the text before the paragraph in progress, and that paragraph
  bool open = false;      // the previous page's last line runs to the right margin
  page_starts->clear();
  for (const auto& lines : pages) {
    for (size_t i = 0; i < lines.size(); ++i) {
      const bool brk = i > 0 ? ParagraphBreak(lines[i - 1], lines[i], leading)
                             : !para.empty() && !open && !StartsLowercase(lines[0].text);
      if (brk) {
        out += para;
        out += "\n\n";
        para.clear();
      }
      AppendLine(para, lines[i].text, words);
      if (i == 0) page_starts->push_back(static_cast<uint32_t>(out.size() + para.size() - lines[0].text.size()));
    }
    if (lines.empty()) page_starts->push_back(static_cast<uint32_t>(out.size() + para.size()));
    if (!lines.empty()) open = lines.back().right >= left + 0.85 * (right - left);
  }
  out += para;
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace policygraph
