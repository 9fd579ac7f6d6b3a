// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace SoulSpot {

// Has the C library (glibc) keep the heap memory the program frees for its next allocations,
// rather than handing it back to the kernel as soon as a heap's free top passes 128 KiB.
//
// A cold page of the REST list is some 60 KB of JSON written on a page-reader thread and freed on
// the main thread once sent. glibc then gave the top of that thread's heap back (madvise), and
// the next page faulted the same memory in again, zeroed, while the madvise's TLB flush
// interrupted the other core: on a two-core machine under wrk, some 20 % of the server's time per
// cold page. Freed memory is now given back past 8 MiB of free top per heap. Setting that turns
// off glibc's adaptive thresholds, so blocks up to 4 MiB are also kept on the heap rather than
// mapped and unmapped one by one (a page of 1,000 rows is some 600 KB): where those thresholds
// would settle once such blocks have been freed.
// Call once, first thing in main(). Does nothing with another C library.
void keepFreedHeapForReuse();

} // namespace SoulSpot
