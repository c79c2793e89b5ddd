"""Writing worker rows: the only place they change."""

from ohs.workers.services.employment import end_employment, hire
from ohs.workers.services.registration import id_number_columns, register_worker, reveal_id_number, update_worker
from ohs.workers.services.roster import check_upload, import_roster

__all__ = [
    "check_upload",
    "end_employment",
    "hire",
    "id_number_columns",
    "import_roster",
    "register_worker",
    "reveal_id_number",
    "update_worker",
]
