from django.db import models
from django.utils.translation import gettext_lazy as _


class RectificationStatus(models.TextChoices):
    PUSHED = "pushed", _("pushed to the employer")
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("sent back")
    APPROVED = "approved", _("approved and released")
