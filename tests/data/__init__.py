"""Data the tests read, kept in the repository so no test depends on files beside it."""

from pathlib import Path

# The text extracted from the printed agenda of KKR Nordjylland's meeting of 5 February 2021.
SEED = Path(__file__).with_name("kkr-nordjylland-2021-02-05-dagsorden.txt")
