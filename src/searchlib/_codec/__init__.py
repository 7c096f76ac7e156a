"""searchlib's storage format: a Whoosh codec of flat, memory-mapped arrays.

* :mod:`~searchlib._codec.files` — array files: named arrays and a JSON
  header in one file, mapped read-only and shared by every reader in the process;
* :mod:`~searchlib._codec.segment` — a segment's data (term dictionary,
  postings, positions, field lengths, stored fields), written from arrays,
  read as array slices, merged by concatenation;
* :mod:`~searchlib._codec.codec` — the same data behind Whoosh's codec API,
  so that Whoosh opens, searches and writes searchlib indexes itself.
"""

from __future__ import annotations

from searchlib._codec.codec import (
    DOCS_EXT,
    TERMS_EXT,
    SearchlibCodec,
    SearchlibSegment,
    index_segments,
    open_segment,
    write_toc,
)
from searchlib._codec.files import FORMAT_ERRORS, ArrayFileError
from searchlib._codec.segment import (
    FieldPostings,
    Members,
    SegmentDocs,
    SegmentTerms,
    encode_stored,
    gather_ranges,
    merge_segments,
    sorted_unique,
    stored_blob,
    write_docs,
    write_terms,
)

__all__ = [
    "DOCS_EXT",
    "FORMAT_ERRORS",
    "TERMS_EXT",
    "ArrayFileError",
    "FieldPostings",
    "Members",
    "SearchlibCodec",
    "SearchlibSegment",
    "SegmentDocs",
    "SegmentTerms",
    "encode_stored",
    "gather_ranges",
    "index_segments",
    "merge_segments",
    "open_segment",
    "sorted_unique",
    "stored_blob",
    "write_docs",
    "write_terms",
    "write_toc",
]
