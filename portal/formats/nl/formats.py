# Short dates as Dutch writes them in tables: "1 mrt 2025" (Django's own "M" would give "Mrt").
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
