-- Low-carbon lab fusion job. Runs in the lab workspace (the current namespace), reads the source
-- tables in `datasets`, and may call uscc_valid(string) -> boolean, registered by the job runner.
-- Statements end with ';' at the end of a line. Every statement is CREATE OR REPLACE so a re-run
-- gives the same tables.

-- Registry enterprises whose credit code passes the GB 32100 check, one row per code.
CREATE OR REPLACE TABLE registry_valid USING iceberg AS
SELECT credit_code,
       max(name) AS name,
       max(district) AS district,
       max(industry_code) AS industry_code
FROM datasets.enterprise_registry
WHERE uscc_valid(credit_code)
GROUP BY credit_code;

-- Consumption rows that cannot be attributed to a valid registry enterprise, with the reason.
CREATE OR REPLACE TABLE consumption_rejects USING iceberg AS
SELECT c.credit_code,
       c.month,
       c.electricity_kwh,
       c.gas_m3,
       CASE WHEN uscc_valid(c.credit_code) THEN 'UNKNOWN_ENTERPRISE' ELSE 'BAD_CHECK_DIGIT' END AS reason
FROM datasets.energy_consumption c
LEFT JOIN registry_valid r ON c.credit_code = r.credit_code
WHERE r.credit_code IS NULL;

-- Consumption rows joined to their enterprise; a missing gas reading means no gas connection.
CREATE OR REPLACE TABLE consumption_matched USING iceberg AS
SELECT c.credit_code,
       r.district,
       r.industry_code,
       c.month,
       c.electricity_kwh,
       coalesce(c.gas_m3, CAST(0 AS DOUBLE)) AS gas_m3
FROM datasets.energy_consumption c
JOIN registry_valid r ON c.credit_code = r.credit_code;

-- Emissions in tonnes of CO2 per district and GB/T 4754 industry section.
CREATE OR REPLACE TABLE emissions_by_district_industry USING iceberg AS
SELECT m.district,
       m.industry_code,
       count(DISTINCT m.credit_code) AS enterprises,
       sum(m.electricity_kwh) AS electricity_kwh,
       sum(m.gas_m3) AS gas_m3,
       round((sum(m.electricity_kwh) * max(f.electricity_kg) + sum(m.gas_m3) * max(f.gas_kg)) / 1000, 3)
           AS emissions_t
FROM consumption_matched m
CROSS JOIN (
    SELECT max(CASE WHEN energy_type = 'electricity' THEN kg_co2_per_unit END) AS electricity_kg,
           max(CASE WHEN energy_type = 'natural_gas' THEN kg_co2_per_unit END) AS gas_kg
    FROM datasets.emission_factors
) f
GROUP BY m.district, m.industry_code;
