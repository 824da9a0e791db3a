"""The 18 HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)(i)) as slugs, with the
plain-English name a practice manager reads and the placeholder we suggest instead."""

CATEGORIES: dict[str, str] = {
    "name": "Names",
    "geographic": "Geographic subdivisions smaller than a state (street address, city, ZIP code)",
    "date": "Dates (other than the year) directly related to an individual",
    "age_over_89": "Ages over 89",
    "phone": "Telephone numbers",
    "fax": "Fax numbers",
    "email": "Email addresses",
    "ssn": "Social Security numbers",
    "mrn": "Medical record numbers",
    "health_plan": "Health plan beneficiary numbers",
    "account": "Account numbers",
    "license": "Certificate or license numbers",
    "vehicle": "Vehicle identifiers and serial numbers, including license plates",
    "device": "Device identifiers and serial numbers",
    "url": "Web addresses (URLs)",
    "ip": "Internet Protocol (IP) addresses",
    "biometric": "Biometric identifiers, including finger and voice prints",
    "photo": "Full-face photographs and comparable images",
    "other_id": "Any other unique identifying number, characteristic or code",
}

REDACTIONS: dict[str, str] = {
    "name": "[patient name]",
    "geographic": "[location]",
    "date": "[date]",
    "age_over_89": "[age 90 or older]",
    "phone": "[phone number]",
    "fax": "[fax number]",
    "email": "[email address]",
    "ssn": "[SSN]",
    "mrn": "[record number]",
    "health_plan": "[insurance ID]",
    "account": "[account number]",
    "license": "[license number]",
    "vehicle": "[vehicle ID]",
    "device": "[device ID]",
    "url": "[link]",
    "ip": "[IP address]",
    "biometric": "[biometric detail]",
    "photo": "[photo reference]",
    "other_id": "[identifier]",
}


def label(category: str) -> str:
    """'HIPAA identifier: <plain name>' for the end of a reason sentence."""
    return f"HIPAA Safe Harbor identifier: {CATEGORIES[category].lower()}"
