"""``python -m contractlint``."""

from contractlint.cli.entry import main

if __name__ == "__main__":
    main()
