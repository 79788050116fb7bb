"""Ready-made blocks of report sections, usable on their own (a section function returns a ReportSection).

* :mod:`.gvc_position` — a country's position in global value chains beside its peers;
* :mod:`.impact` — the effects of a spending shock with uncertainty bands;
* :mod:`.opportunities` — product space, ranked opportunities and the product → industry bridge.

The registry's section modules (``valuechain.report.sections``) call them.
"""
