// DocumentCache: a directory of per-document results for incremental runs (`--cache DIR`). Each
// entry is one document's record (its mentions and its graph fragment, the line `extract --records`
// prints) stored under a SHA-256 of everything that determines that record: the document's text,
// id and metadata, the rule set (RuleBook::fingerprint()), the stage list and the engine build. A
// rerun over a grown corpus finds every unchanged document and processes only new or changed ones;
// since the record is exactly what processing would produce, the outputs are byte-identical to a
// full run.
//
//   DocumentCache cache(dir, DocumentCache::Salt(book, pipeline));
//   std::string key = cache.KeyOf(doc);
//   if (std::optional<std::string> rec = cache.Lookup(key)) { /* use *rec */ }
//   else { /* process, then */ cache.Store(key, record); }
//
// Entries are written through a temporary file and renamed into place, so concurrent writers
// (threads, or processes sharing the directory) and crashes never leave a torn entry; a corrupt or
// unreadable entry is a miss. Nothing is ever evicted: delete the directory to reclaim it.
// Thread-safe: every method is const.
#ifndef POLICYGRAPH_PIPELINE_BATCH_CACHE_H_
#define POLICYGRAPH_PIPELINE_BATCH_CACHE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/pipeline.h"
#include "pipeline/rules/rule_book.h"
#include "pipeline/core/status.h"

namespace policygraph {

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

class DocumentCache {
 public:
  // Entries live under `dir` (created by Open). `salt` names the rule set, stages and engine.
  DocumentCache(std::string dir, std::string salt) : dir_(std::move(dir)), salt_(std::move(salt)) {}

  // Creates `dir` when missing. Returns OK, or why the directory cannot be used.
  Status Open() const;

  // The salt for a pipeline: the rule book's fingerprint, the stage names and the engine build (the
  // version and a hash of the running executable, so a rebuilt engine never reuses old records).
  static std::string Salt(const RuleBook& book, const Pipeline& pipeline);

  // The key of `doc` (hex): its text, page map, id and metadata under this cache's salt.
  std::string KeyOf(const Document& doc) const;

  // The stored record for `key`, or nullopt when there is none (or it cannot be read).
  std::optional<std::string> Lookup(const std::string& key) const;

  // Stores `record` under `key`, atomically. Returns OK or the I/O error.
  Status Store(const std::string& key, std::string_view record) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string PathOf(const std::string& key) const;

  std::string dir_;
  std::string salt_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_BATCH_CACHE_H_
