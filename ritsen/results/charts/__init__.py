"""Server-rendered SVG charts of round results: the same markup on the page and in the PDF.

* :mod:`.palette` — colours and party styles (equal to the CSS custom properties);
* :mod:`.text` — estimated text widths and line breaking;
* :mod:`.geometry` — scales, bars, the radar and the zipper's teeth;
* one builder per chart — :mod:`.zipper`, :mod:`.bars`, :mod:`.gap`, :mod:`.radar`,
  :mod:`.trend`, :mod:`.legend` — each returning a frozen dataclass that its template
  in ``results/charts/`` draws. The template tags (``{% load charts %}``) only call
  them.
"""
