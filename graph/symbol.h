// Symbol: an interned string for the few texts that every piece of evidence repeats (document
// ids, rule ids): one copy per distinct text for the whole process, a pointer to copy, equality
// by pointer, order by text (so sets of evidence sort as they would by the strings).
// Thread-safe: documents are processed in parallel.
#ifndef POLICYGRAPH_GRAPH_SYMBOL_H_
#define POLICYGRAPH_GRAPH_SYMBOL_H_

#include <compare>
#include <ostream>
#include <string>
#include <string_view>

namespace policygraph {

class Symbol {
 public:
  Symbol();  // the empty text
  Symbol(std::string_view text);  // NOLINT(google-explicit-constructor): ids are assigned from strings
  Symbol(const std::string& text) : Symbol(std::string_view(text)) {}  // NOLINT
  Symbol(const char* text) : Symbol(std::string_view(text)) {}         // NOLINT

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT: reads as the string it is
  bool empty() const { return text_->empty(); }

  friend bool operator==(const Symbol& a, const Symbol& b) { return a.text_ == b.text_; }
  friend std::strong_ordering operator<=>(const Symbol& a, const Symbol& b) {
    if (a.text_ == b.text_) return std::strong_ordering::equal;
    return a.text_->compare(*b.text_) < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  friend std::ostream& operator<<(std::ostream& out, const Symbol& s) { return out << s.str(); }

 private:
  const std::string* text_;  // owned by the process-wide table, never freed before exit
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_SYMBOL_H_
