# Short dates in tables, the same order as the Dutch ones: "1 Mar 2025".
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
