"""`herstelcheck scan`: find, item by item, where a plan document speaks of the checklist's
subjects, and draft a plan file from it.

The work flows one way, one module per step:

    documents  (+ pdf, office, markup)   a file -> a Document: blocks of text, or PDF lines
    passages                             a Document -> passages with their page or heading
    evidence                             passages x signals -> hits, negations, quotes
                                         (the signals: the checklist's `signalen`, compiled
                                         once per run by `herstelcheck.signals`)
    fields     (+ values, textvalues,    hits -> the values a plan file can take
               people, partners, actions)
    draft                                values -> the text of a plan file (format 1.1)
    run                                  all of it for each document, the audit of the draft,
                                         the results (`results`) for the formats

The heavy readers (pypdfium2, python-docx, odfpy, markdown-it-py) are imported only when
a document of their kind is read.
"""
