#include "graph/symbol.h"

#include <functional>
#include <mutex>
#include <shared_mutex>
#include <unordered_set>

namespace policygraph {
namespace {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The interned texts. A node-based set: a text's address never changes once inserted.
struct Table {
  std::shared_mutex mutex;
  std::unordered_set<std::string, TextHash, std::equal_to<>> texts;
};

Table& Texts() {
  static Table* table = new Table();  // never destroyed: symbols may be read by static destructors
  return *table;
}

const std::string* Intern(std::string_view text) {
  Table& t = Texts();
  {
    std::shared_lock lock(t.mutex);
    if (auto it = t.texts.find(text); it != t.texts.end()) return &*it;
  }
  std::unique_lock lock(t.mutex);
  return &*t.texts.emplace(text).first;
}

}  // namespace

Symbol::Symbol() {
  static const std::string* const empty = Intern("");
  text_ = empty;
}

Symbol::Symbol(std::string_view text) : text_(Intern(text)) {}

}  // namespace policygraph
