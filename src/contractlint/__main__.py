"""``python -m contractlint``."""

from contractlint.entry import main

if __name__ == "__main__":
    main()
