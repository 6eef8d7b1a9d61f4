#include "output/report_section.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "output/html_escape.h"

namespace policygraph {
namespace {

std::string ValueText(const Json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

// The opening tag of mention `k`; `piece` marks a continuation after a crossing mention closed.
void AppendMarkOpen(std::string& out, const Mention& m, size_t k, bool piece) {
  out += "<mark class=\"m ";
  out += TypeClass(m.type);
  if (piece) out += " piece";
  out += StrCat("\" data-m=\"", std::to_string(k), "\" data-type=\"");
  AppendHtml(out, m.type);
  out += "\" title=\"";
  std::string title = m.type;
  const std::string value = ValueText(m.value);
  if (!value.empty()) title += StrCat(" \xC2\xB7 ", value);
  title += StrCat(" \xC2\xB7 ", m.rule);
  AppendHtml(out, title);
  out += "\">";
}

// Sentence starts in text offsets.
std::vector<uint32_t> SentenceStarts(const Document& doc) {
  std::vector<uint32_t> starts;
  starts.reserve(doc.sentences.size());
  for (const Span& s : doc.sentences) starts.push_back(doc.view.OriginalStart(s.start));
  return starts;
}

// The text with its mentions as nested <mark>s and an empty <span id="dI-sN"> at each sentence
// start. Mentions open longest first; one that outlives the mention it opened inside is closed
// with it and reopened as a piece.
class TextRenderer {
 public:
  TextRenderer(const Document& doc, const Annotations& ann, size_t index)
      : text_(doc.text), mentions_(ann.mentions), prefix_(StrCat("d", std::to_string(index), "-s")),
        sentences_(SentenceStarts(doc)) {}

  std::string Render() {
    std::vector<size_t> order(mentions_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Span x = Clamped(a), y = Clamped(b);
      return x.start != y.start ? x.start < y.start : x.end > y.end;
    });
    std::vector<uint32_t> points(sentences_);
    for (size_t k = 0; k < mentions_.size(); ++k) {
      points.push_back(Clamped(k).start);
      points.push_back(Clamped(k).end);
    }
    points.push_back(static_cast<uint32_t>(text_.size()));
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    size_t next = 0, sentence = 0;
    uint32_t pos = 0;
    for (const uint32_t p : points) {
      AppendHtml(out_, std::string_view(text_).substr(pos, p - pos));
      pos = p;
      CloseEndingAt(p);
      for (; sentence < sentences_.size() && sentences_[sentence] <= p; ++sentence) {
        out_ += StrCat("<span class=\"s\" id=\"", prefix_, std::to_string(sentence), "\"></span>");
      }
      for (; next < order.size() && Clamped(order[next]).start <= p; ++next) Open(order[next], false);
      CloseEndingAt(p);  // empty mentions
    }
    while (!stack_.empty()) Close();
    return std::move(out_);
  }

 private:
  // The mention's span, within the text (offsets past its end are cut to it).
  Span Clamped(size_t k) const {
    const auto size = static_cast<uint32_t>(text_.size());
    const uint32_t start = std::min(mentions_[k].span.start, size);
    return {start, std::clamp(mentions_[k].span.end, start, size)};
  }
  void Open(size_t k, bool piece) {
    AppendMarkOpen(out_, mentions_[k], k, piece);
    stack_.push_back(k);
  }
  void Close() {
    out_ += "</mark>";
    stack_.pop_back();
  }
  // Closes every open mention that ends at or before `p`, and reopens the ones above it.
  void CloseEndingAt(uint32_t p) {
    size_t lowest = stack_.size();
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (Clamped(stack_[i]).end <= p) {
        lowest = i;
        break;
      }
    }
    if (lowest == stack_.size()) return;
    std::vector<size_t> reopen;
    while (stack_.size() > lowest) {
      if (Clamped(stack_.back()).end > p) reopen.push_back(stack_.back());
      Close();
    }
    for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) Open(*it, true);
  }

  const std::string& text_;
  const std::vector<Mention>& mentions_;
  const std::string prefix_;
  const std::vector<uint32_t> sentences_;
  std::vector<size_t> stack_;
  std::string out_;
};

// "3 GPE · 2 ORG", each count a chip coloured by type.
std::string CountChips(const Annotations& ann) {
  std::map<std::string, size_t> counts;
  for (const Mention& m : ann.mentions) ++counts[m.type];
  std::string out = "<p class=\"counts\">";
  for (const auto& [type, n] : counts) {
    out += StrCat("<span class=\"chip ", TypeClass(type), "\">");
    AppendHtml(out, type);
    out += StrCat(" ", std::to_string(n), "</span> ");
  }
  return out + "</p>";
}

std::string SectionHeader(const Document& doc, const Annotations& ann, size_t index) {
  std::string out = StrCat("<section class=\"doc\" id=\"d", std::to_string(index), "\" data-doc=\"");
  AppendHtml(out, doc.id);
  out += StrCat("\" data-mentions=\"", std::to_string(ann.mentions.size()), "\">\n<h3>");
  AppendHtml(out, doc.id);
  out += "</h3>\n<p class=\"meta\">";
  if (!doc.meta.title.empty()) {
    AppendHtml(out, doc.meta.title);
    out += " \xC2\xB7 ";
  }
  if (!doc.meta.date.empty()) {
    AppendHtml(out, doc.meta.date);
    out += " \xC2\xB7 ";
  }
  out += StrCat(std::to_string(ann.mentions.size()), " mentions, ", std::to_string(ann.relations.size()),
                " relations</p>\n");
  return out + CountChips(ann) + "\n";
}

}  // namespace

ReportPart RenderReportSection(const Document& doc, const Annotations& ann, size_t index, bool full_text) {
  ReportPart part;
  part.html = SectionHeader(doc, ann, index);
  if (full_text) {
    part.html += StrCat("<div class=\"text\">", TextRenderer(doc, ann, index).Render(), "</div>\n");
  } else {
    part.html += "<p class=\"note\">Text not shown: the report shows the full text of the first documents only "
                 "(--report-docs).</p>\n";
  }
  part.html += "</section>\n";
  for (const Relation& r : ann.relations) {
    if (r.sentence < 0 || static_cast<size_t>(r.sentence) >= doc.sentences.size()) continue;
    const Span s = doc.sentences[static_cast<size_t>(r.sentence)];
    const uint32_t start = doc.view.OriginalStart(s.start), end = doc.view.OriginalEnd(s.start, s.end);
    part.sentences.emplace(r.sentence, doc.text.substr(start, end - start));
  }
  return part;
}

}  // namespace policygraph
