"""The exhibition kit: posters, a catalogue and an offline kiosk from the same records.

generator/build/exhibit_kit.py runs the parts in order; each module here does one:
plan (what to make, checked), printviews (the print data per language),
printing (Jinja + WeasyPrint), marks (bleed, slug and crop marks), posters,
catalogue, kiosk (the offline copy of the site) and manifest (checksums, zip).
Nothing here imports MkDocs: the kiosk's site build is handed in by the caller.
"""
