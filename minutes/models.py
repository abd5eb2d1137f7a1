# Models arrive with their issue; the app is installed now so that its migrations have a home.
