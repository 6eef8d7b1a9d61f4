#include "pipeline/input/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "pipeline/input/html_charset.h"
#include "pipeline/input/reader.h"

namespace policygraph {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Text with white space collapsed and breaks between blocks: a break asked for is written only
// before the next text, as the larger of the breaks asked for since (1: a newline, 2: a blank line).
class TextBuilder {
 public:
  void Text(std::string_view s, bool pre) {
    for (size_t i = 0; i < s.size();) {
      if (IsSpace(s[i]) || s.substr(i, 2) == "\xC2\xA0") {  // U+00A0 (&nbsp;) is a space too
        if (pre && s[i] == '\n') Break(1);
        space_ = true;
        i += s[i] == '\xC2' ? 2 : 1;
        continue;
      }
      size_t j = i;
      while (j < s.size() && !IsSpace(s[j]) && s.substr(j, 2) != "\xC2\xA0") ++j;
      Put(s.substr(i, j - i));
      i = j;
    }
  }
  void Break(int level) { pending_ = std::max(pending_, level); }
  std::string Finish() {
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

 private:
  void Put(std::string_view word) {
    if (!out_.empty()) {
      if (pending_ > 0) {
        out_ += pending_ == 2 ? "\n\n" : "\n";
      } else if (space_) {
        out_ += ' ';
      }
    }
    pending_ = 0;
    space_ = false;
    out_.append(word);
  }
  std::string out_;
  int pending_ = 0;
  bool space_ = false;
};

// The break a block element ends (and begins) with: 2 a blank line, 1 a newline, 0 none.
int BlockLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_PRE: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR: case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS: case GUMBO_TAG_BODY:
      return 2;
    case GUMBO_TAG_LI: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_BR:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_LEGEND: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
      return 1;
    default:
      return 0;
  }
}

std::string Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a != nullptr ? std::string(a->value) : std::string();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// True for an element whose text no reader sees, or that is navigation or site chrome.
bool Invisible(const GumboElement& e, bool in_article) {
  switch (e.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_NAV: case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OBJECT:
      return true;
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
      if (!in_article) return true;
      break;
    default:
      break;
  }
  if (gumbo_get_attribute(&e.attributes, "hidden") != nullptr) return true;
  if (Lower(Attr(e, "aria-hidden")) == "true" || Lower(Attr(e, "role")) == "navigation") return true;
  std::string style = Lower(Attr(e, "style"));
  style.erase(std::remove_if(style.begin(), style.end(), [](char c) { return IsSpace(c); }), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// The text of an element's text children, white space collapsed (a <title>).
std::string ChildText(const GumboElement& e) {
  TextBuilder b;
  for (unsigned i = 0; i < e.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(e.children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) b.Text(child->v.text.text, false);
  }
  std::string s = b.Finish();
  if (!s.empty()) s.pop_back();
  return s;
}

// The title and the date candidates, in order of precedence.
struct HtmlMeta {
  std::string title;
  std::array<std::string, 4> dates;  // article:published_time, DC.date, date, <time datetime>
};

void NoteMetadata(const GumboElement& e, HtmlMeta& meta) {
  if (e.tag == GUMBO_TAG_TITLE && meta.title.empty()) meta.title = ChildText(e);
  if (e.tag == GUMBO_TAG_TIME && meta.dates[3].empty()) meta.dates[3] = HtmlDate(Attr(e, "datetime"));
  if (e.tag != GUMBO_TAG_META) return;
  std::string key = Lower(Attr(e, "property"));
  if (key.empty()) key = Lower(Attr(e, "name"));
  const int slot = key == "article:published_time" ? 0 : key == "dc.date" ? 1 : key == "date" ? 2 : -1;
  if (slot >= 0 && meta.dates[static_cast<size_t>(slot)].empty()) {
    meta.dates[static_cast<size_t>(slot)] = HtmlDate(Attr(e, "content"));
  }
}

// Walks the tree (without recursion: nesting depth is the page's to choose) for text and metadata.
struct Frame {
  const GumboNode* node;
  unsigned next = 0;
  bool in_article = false;
  bool pre = false;
};

void Walk(const GumboNode* root, TextBuilder& text, HtmlMeta& meta) {
  std::vector<Frame> stack = {{root}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* children = f.node->type == GUMBO_NODE_DOCUMENT ? &f.node->v.document.children
                                                                       : &f.node->v.element.children;
    if (f.next >= children->length) {
      if (f.node->type != GUMBO_NODE_DOCUMENT) text.Break(BlockLevel(f.node->v.element.tag));
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[f.next++]);
    const Frame parent = f;
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA || child->type == GUMBO_NODE_WHITESPACE) {
      text.Text(child->v.text.text, parent.pre);
    } else if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = child->v.element;
      NoteMetadata(e, meta);
      if (e.tag == GUMBO_TAG_HEAD) {  // for its <title> and <meta>, not for text
        for (unsigned i = 0; i < e.children.length; ++i) {
          const auto* h = static_cast<const GumboNode*>(e.children.data[i]);
          if (h->type == GUMBO_NODE_ELEMENT) NoteMetadata(h->v.element, meta);
        }
      }
      if (Invisible(e, parent.in_article)) continue;
      text.Break(BlockLevel(e.tag));
      stack.push_back({child, 0, parent.in_article || e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN,
                       parent.pre || e.tag == GUMBO_TAG_PRE});
    }
  }
}

}  // namespace

std::string HtmlDate(std::string_view value) {
  while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
  if (value.size() >= 10 && IsValidDate(value.substr(0, 10)) && (value.size() == 10 || value[10] == 'T' || value[10] == ' ')) {
    return std::string(value.substr(0, 10));
  }
  if ((value.size() == 4 || value.size() == 7) && IsValidDate(value)) return std::string(value);
  return std::string();
}

Status ReadHtml(std::string_view bytes, Document& doc) {
  const std::string charset = SniffHtmlCharset(bytes);
  std::string utf8;
  if (charset.empty() || charset == "utf-8") {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (LooksBinary(bytes)) return Status::DataLoss(doc.source + ": binary file (not HTML)");
    if (Status s = CheckUtf8(bytes); !s.ok()) return Status::DataLoss(doc.source + ": " + s.message());
    utf8 = std::string(bytes);
  } else {
    StatusOr<std::string> converted = ConvertToUtf8(bytes, charset);
    if (!converted.ok()) return Status::DataLoss(doc.source + ": " + converted.status().message());
    utf8 = std::move(converted).value();
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the parser's error list is not needed: bound it
  GumboOutput* out = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  if (out == nullptr) return Status::DataLoss(doc.source + ": the HTML parser failed");
  TextBuilder text;
  HtmlMeta meta;
  Walk(out->document, text, meta);
  gumbo_destroy_output(&options, out);
  doc.text = text.Finish();
  doc.meta.title = meta.title;
  for (const std::string& d : meta.dates) {
    if (!d.empty()) {
      doc.meta.date = d;
      doc.meta.date_source = "html";
      break;
    }
  }
  return Status::Ok();
}

}  // namespace policygraph
