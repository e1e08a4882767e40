-- Users and lab membership of the embedded issuer (the default when no Keycloak is configured):
-- the demo users of lakelab.identity.demo-users are seeded here on first start, administrators
-- create more (POST /api/v1/users) and manage membership (/api/v1/labs/{code}/members). With
-- Keycloak these tables stay empty: Keycloak holds users and groups.
CREATE TABLE embedded_users (
    username     VARCHAR(100) PRIMARY KEY,
    -- Hash of the client secret ({bcrypt}...), never the secret. NULL for the configured demo users,
    -- whose secret is random per start and known only to the running process.
    secret_hash  VARCHAR(100),
    created_by   VARCHAR(100) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Realm roles, as Keycloak names them in realm_access.roles.
CREATE TABLE embedded_user_roles (
    username  VARCHAR(100) NOT NULL REFERENCES embedded_users (username) ON DELETE CASCADE,
    role      VARCHAR(20)  NOT NULL CHECK (role IN ('platform-admin', 'lab-engineer', 'analyst', 'reviewer')),
    PRIMARY KEY (username, role)
);

-- A member's tokens carry /labs/<lab_code> in their groups claim, and the Ranger user store puts
-- them in group lab_<lab_code>. No foreign key to labs: demo users name labs the demo creates later.
CREATE TABLE embedded_lab_members (
    lab_code  VARCHAR(31)  NOT NULL,
    username  VARCHAR(100) NOT NULL REFERENCES embedded_users (username) ON DELETE CASCADE,
    added_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (lab_code, username)
);
CREATE INDEX embedded_lab_members_user ON embedded_lab_members (username);
