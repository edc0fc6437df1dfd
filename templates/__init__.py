"""The templates, stylesheet and script of ``journey render``'s HTML page.

They live at the top of the repository so a team sees what it can copy and change
(``journey render --templates DIR``, docs/render.md). setup.py ships this folder inside the wheel
as the package ``journeykit.templates``; this file makes it a regular package, which
``importlib.resources`` finds in an editable install as well as an installed wheel.
"""
