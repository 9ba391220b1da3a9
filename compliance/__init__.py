"""compliance: check republished pages against the source's republishing terms."""

from .engine import check_page, read_source, resolve_variables
from .errors import ComplianceError
from .findings import Finding, PageResult
from .policy import Policy, Rule, load_policy
from .reading import read_document
from .version import VERSION

__version__ = VERSION
__all__ = [
    "ComplianceError",
    "Finding",
    "PageResult",
    "Policy",
    "Rule",
    "check_page",
    "load_policy",
    "read_document",
    "read_source",
    "resolve_variables",
]
