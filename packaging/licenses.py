"""Write the third-party notices (the text Help > About shows) for the bundle.

Run: python packaging/licenses.py OUT.txt   (in the environment the bundle is built from)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.licences import dependencies, third_party_text  # noqa: E402

if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "THIRD-PARTY-LICENSES.txt")
    text = third_party_text()
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(dependencies())} distributions, {len(text) // 1024} KB")
