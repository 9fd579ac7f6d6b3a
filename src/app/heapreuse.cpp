// SPDX-License-Identifier: GPL-3.0-or-later
#include "heapreuse.h"

#include <cstdlib> // defines __GLIBC__ with glibc

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace SoulSpot {

void keepFreedHeapForReuse()
{
#ifdef __GLIBC__
    constexpr int ownMappingFrom = 4 * 1024 * 1024;
    mallopt(M_MMAP_THRESHOLD, ownMappingFrom);
    mallopt(M_TRIM_THRESHOLD, 2 * ownMappingFrom);
#endif
}

} // namespace SoulSpot
