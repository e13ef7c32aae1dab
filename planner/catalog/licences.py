"""Licence ids the catalog accepts, and which of them are open source.

Open source here means approved by the Open Source Initiative. Source-available
licences (BUSL-1.1, SSPL-1.0, Elastic-2.0 and the like) restrict use and are not open
source, whatever the vendor calls them.
"""

PROPRIETARY = "proprietary"

OPEN_SOURCE = frozenset(
    {
        "0BSD",
        "AFL-3.0",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "Apache-2.0",
        "Artistic-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "BSL-1.0",
        "CDDL-1.0",
        "EPL-1.0",
        "EPL-2.0",
        "EUPL-1.2",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "ISC",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "MIT",
        "MPL-2.0",
        "MS-PL",
        "PostgreSQL",
        "PSF-2.0",
        "Python-2.0",
        "UPL-1.0",
        "Unlicense",
        "Zlib",
    }
)

SOURCE_AVAILABLE = frozenset(
    {
        "BUSL-1.1",
        "SSPL-1.0",
        "Elastic-2.0",
        "PolyForm-Noncommercial-1.0.0",
        "PolyForm-Small-Business-1.0.0",
        "PolyForm-Shield-1.0.0",
        "FSL-1.1-Apache-2.0",
        "FSL-1.1-MIT",
    }
)

KNOWN = OPEN_SOURCE | SOURCE_AVAILABLE | {PROPRIETARY}


def is_open_source(licence: str) -> bool:
    return licence in OPEN_SOURCE
