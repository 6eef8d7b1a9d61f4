// ReturnFreeMemory: after the steps of a large document that free much in small pieces (the
// rejected candidates and the matcher's chunks after the rule stages, the text and relations
// before the mentions are rendered), the pages the allocator then holds free are given back to the
// system. The next steps' large blocks could not reuse them: without this they add to the peak
// (measured: 100 MB of 530 on 16.6 MB of policy text).
#ifndef POLICYGRAPH_PIPELINE_CORE_FREE_MEMORY_H_
#define POLICYGRAPH_PIPELINE_CORE_FREE_MEMORY_H_

#include <cstddef>

namespace policygraph {

// Documents of at least this many bytes give memory back; on smaller ones the walk over the heap
// costs more than it saves.
constexpr size_t kReturnMemoryBytes = size_t{4} << 20;

// Gives free pages back when `document_bytes` >= kReturnMemoryBytes (glibc; elsewhere nothing).
void ReturnFreeMemory(size_t document_bytes);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_FREE_MEMORY_H_
