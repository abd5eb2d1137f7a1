FROM python:3.13-slim-bookworm

# WeasyPrint needs Pango; libharfbuzz-subset0 halves its font-subsetting time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY kkr kkr
COPY agendas agendas
COPY minutes minutes
COPY appointments appointments
RUN pip install --no-cache-dir .
COPY . .
# Only to collect the static files: the real key and mail server come with the container's environment.
RUN DEBUG=false SECRET_KEY=collectstatic-only SMTP_HOST=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --create-home portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "kkr.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
