"""A canvas for long documents of similar pages (certificates, badges): less memory per page."""
from __future__ import annotations

import zlib

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFResourceDictionary,
    PDFStream,
)
from reportlab.pdfgen.canvas import Canvas

from .theme import ShapingCanvas


class CompressingCanvas(ShapingCanvas, Canvas):
    """A canvas that compresses each page's content stream when the page is finished.

    reportlab keeps every page's drawing commands as text until ``save``; compressing them
    at once (Flate, without reportlab's ASCII85 layer) keeps that memory and the file small.
    Pages that use the same forms share one resource dictionary.
    """

    def showPage(self):
        forms = tuple(sorted(self._formsinuse))
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.stream and page.compression and not page.Contents:
            data = page.stream.encode("utf8") if isinstance(page.stream, str) else page.stream
            page.Contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}),
                                      zlib.compress(data))
            page.stream = None
        # Otherwise reportlab builds one resource dictionary per page at save time.
        if not (page.ExtGState or page._colorsUsed or page._shadingUsed):
            shared = self.__dict__.setdefault("_shared_resources", {})
            key = (forms, bool(page.hasImages))
            if key not in shared:
                resources = PDFResourceDictionary()
                resources.basicFonts()
                resources.allProcs() if page.hasImages else resources.basicProcs()
                if page.XObjects:
                    resources.XObject = page.XObjects
                shared[key] = resources
            page.Resources = shared[key]
            page.XObjects = None
