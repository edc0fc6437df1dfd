"""The one thing pyproject.toml cannot say: the HTML templates live in the top-level
``templates/`` folder (so a team sees what it may copy and override, see docs/render.md) and ship
inside the wheel as the data package ``journeykit.templates``, where ``importlib.resources`` finds
them. Everything else about the build is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(where="src", include=["journeykit*"]),
        "journeykit.templates",
    ],
    package_dir={"": "src", "journeykit.templates": "templates"},
)
