// Word lists: the TSV language data files of the stages, found by name (see word_list.h).
#include "pipeline/rules/word_list.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "pipeline/rules/embedded.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph {
namespace {

namespace fs = std::filesystem;

// The lists loaded so far, and the user's files that replace defaults (name -> path). A list
// replaced after its first use is kept in `retired`: code that holds it keeps a valid one.
struct Registry {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<Lexicon>, std::less<>> lists;
  std::map<std::string, std::string, std::less<>> user_files;
  std::vector<std::unique_ptr<Lexicon>> retired;
};

Registry& TheRegistry() {
  static Registry* registry = new Registry();  // never destroyed: lists outlive static destructors
  return *registry;
}

// The text of NAME.tsv and its path: the user's file when there is one, else the embedded one.
bool ReadList(const Registry& registry, std::string_view name, std::string* path, std::string* content) {
  if (auto it = registry.user_files.find(name); it != registry.user_files.end()) {
    *path = it->second;
    return ReadRuleFile(*path, content).empty();
  }
  std::string file = "/";
  file.append(name).append(".tsv");
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    if (f.path.starts_with("stages/") && f.path.ends_with(file)) {
      *path = std::string(f.path);
      *content = std::string(f.content);
      return true;
    }
  }
  return false;
}

// Parses NAME.tsv into a list; `problems` gets its errors.
std::unique_ptr<Lexicon> ParseList(const std::string& name, const std::string& path, const std::string& content,
                                   std::string* problems) {
  auto list = std::make_unique<Lexicon>();
  list->name = name;
  list->where = {path, 0};
  *problems = ParseLexiconTsv(path, content, *list);
  list->Index();
  return list;
}

}  // namespace

const Lexicon* FindWordList(std::string_view name) {
  Registry& registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mu);
  if (auto it = registry.lists.find(name); it != registry.lists.end()) return it->second.get();
  std::string path, content, problems;
  if (!ReadList(registry, name, &path, &content)) return nullptr;
  std::unique_ptr<Lexicon> list = ParseList(std::string(name), path, content, &problems);
  if (!problems.empty()) throw std::logic_error(problems);
  return registry.lists.emplace(std::string(name), std::move(list)).first->second.get();
}

const Lexicon& WordList(std::string_view name) {
  const Lexicon* list = FindWordList(name);
  if (list == nullptr) {
    std::string message = "no word list ";
    message.append(name).append(".tsv");
    throw std::logic_error(message);
  }
  return *list;
}

namespace {

// The chosen forms of `list`'s entries, in file order.
std::vector<std::string_view> Forms(const Lexicon& list, WordForms forms) {
  std::vector<std::string_view> out;
  for (const LexiconEntry& e : list.entries) {
    const auto first = e.surfaces.begin() + (forms == WordForms::kAliases ? 1 : 0);
    const auto last = forms == WordForms::kValues ? e.surfaces.begin() + 1 : e.surfaces.end();
    out.insert(out.end(), first, last);
  }
  return out;
}

}  // namespace

std::string WordAlternation(const Lexicon& list, WordForms forms, std::string_view suffix) {
  std::vector<std::string_view> chosen = Forms(list, forms);
  std::stable_sort(chosen.begin(), chosen.end(), [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string out;
  for (std::string_view f : chosen) {
    if (!out.empty()) out += '|';
    out += RE2::QuoteMeta(f);
    out += suffix;
  }
  return out;
}

FormSet WordFormSet(const Lexicon& list, WordForms forms, std::string_view suffix) {
  FormSet out;
  for (std::string_view f : Forms(list, forms)) out.insert(std::string(f).append(suffix));
  return out;
}

FormSet WordFormSetWhere(const Lexicon& list, std::string_view column, std::string_view value) {
  FormSet out;
  for (const LexiconEntry& e : list.entries) {
    if (!e.attrs.is_object()) continue;
    auto it = e.attrs.find(std::string(column));
    if (it != e.attrs.end() && it->is_string() && it->get_ref<const std::string&>() == value) out.insert(e.canonical);
  }
  return out;
}

std::optional<int> WordNumber(const LexiconEntry* entry, std::string_view column) {
  if (entry == nullptr || !entry->attrs.is_object()) return std::nullopt;
  auto it = entry->attrs.find(std::string(column));
  if (it == entry->attrs.end() || !it->is_string()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::string UseWordListDirs(const std::vector<std::string>& dirs, std::string* fingerprint) {
  Registry& registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mu);
  std::string problems;
  size_t hash = 0;
  fingerprint->clear();
  for (const std::string& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      std::string content, errors;
      if (std::string problem = ReadRuleFile(p.string(), &content); !problem.empty()) {
        problems.append(p.string()).append(": cannot read word list: ").append(problem).append("\n");
        continue;
      }
      const std::string name = p.stem().string();
      std::unique_ptr<Lexicon> list = ParseList(name, p.string(), content, &errors);
      problems += errors;
      if (!errors.empty()) continue;
      registry.user_files[name] = p.string();
      std::unique_ptr<Lexicon>& slot = registry.lists[name];
      if (slot != nullptr) registry.retired.push_back(std::move(slot));
      slot = std::move(list);
      hash = hash * 1000003 ^ std::hash<std::string>()(name + '\x1f' + content);
      *fingerprint = std::to_string(hash);
    }
  }
  if (!problems.empty()) problems.pop_back();
  return problems;
}

}  // namespace policygraph
