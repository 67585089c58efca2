package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian chromium + chromedriver, installed by
 * scripts/setup.sh): the pages load with the API's data, an incident inserted in the database
 * arrives over the live stream, the at-risk list is ordered. Screenshots go to ops/target/screenshots.
 */
class DashboardBrowserIT {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static OpsFixture f;
  private static ChromeDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of(CHROMIUM)).as("Chromium is missing: run scripts/setup.sh (installs chromium chromium-driver)")
        .exists();
    assertThat(Path.of(CHROMEDRIVER)).as("chromedriver is missing: run scripts/setup.sh").exists();
    f = new OpsFixture("ops_browser");
    long dev = f.id("acme.device");
    f.db.exec("INSERT INTO metrics (name, unit) VALUES ('pressure_bar', 'bar') ON CONFLICT DO NOTHING");
    long metric = f.db.queryLong("SELECT id FROM metrics WHERE name = 'pressure_bar'");
    f.db.exec("UPDATE devices SET last_seen_at = now() WHERE id = " + dev);
    f.db.exec(
        "INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) SELECT now() - g * interval '1 minute', "
            + dev + ", ARRAY[" + metric
            + "]::smallint[], ARRAY[1.6 - (120 - g) * 0.004], 1 FROM generate_series(0, 120) g");
    f.db.exec("UPDATE incidents SET details = '{\"metric\":\"pressure_bar\"}' WHERE id = " + f.id("acme.incident"));
    Files.createDirectories(SHOTS);
    // Set explicitly so Selenium never looks for (or downloads) a driver of its own.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("forewarn-chromium"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
        .usingAnyFreePort().build(), options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (f != null) {
      f.close();
    }
  }

  @Test
  void dashboardShowsOrderedRisksLiveIncidentsDeviceChartOutreachAndKpis() throws Exception {
    // GIVEN acme's viewer opens the URL the demo prints (token in the fragment)
    browser.get(f.base + "/#token=" + f.tokens.get("acme.viewer"));

    // THEN the fleet page lists the devices at risk, soonest predicted failure first
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#at-risk tbody tr"), 2));
    List<WebElement> rows = browser.findElements(By.cssSelector("#at-risk tbody tr"));
    assertThat(rows.stream().map(r -> r.getAttribute("data-device")).toList()).containsExactly("acme-dev-2",
        "acme-dev-1");
    Instant first = Instant.parse(rows.get(0).getAttribute("data-predicted"));
    Instant second = Instant.parse(rows.get(1).getAttribute("data-predicted"));
    assertThat(first).isBefore(second);
    assertThat(browser.findElement(By.id("summary")).getText()).contains("devices", "at risk");
    assertThat(browser.getCurrentUrl()).doesNotContain("fwt_");
    wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live: on"));
    shot("1-fleet");

    // WHEN the rules stage (here: SQL) opens a new incident
    long id = f.db.queryLong("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, device_id,"
        + " state, severity, summary, summary_key, predicted_failure_at, opened_at, updated_at) VALUES ('browser-live',"
        + " 'device_problem', 'boiler-gb24/pressure_low', 'device', '" + f.id("acme.device") + "', "
        + f.id("acme.device")
        + ", 'firing', 'critical', 'Pressure collapsing on acme-dev-1', 'pressure_low', now() + interval '20 minutes',"
        + " now(), now()) RETURNING id");
    // THEN it appears among the live incidents without a reload, and it heads the at-risk list
    WebElement live = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#live-incidents li[data-incident-id='" + id + "']")));
    assertThat(live.getText()).contains("Pressure collapsing on acme-dev-1", "critical");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#at-risk tbody tr:first-child"),
        "Pressure collapsing"));
    shot("2-live-incident");

    // WHEN the device page is opened THEN the chart is drawn with points and the incident history is listed
    browser.get(f.base + "/#/device/acme-dev-1");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart canvas")));
    assertThat(Integer.parseInt(browser.findElement(By.id("chart")).getAttribute("data-points"))).isGreaterThan(10);
    assertThat(browser.findElements(By.cssSelector("#device-incidents tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
    assertThat(browser.findElement(By.id("chart")).getText()).contains("pressure_bar", "forecast");
    shot("3-device");

    // WHEN the outreach log is opened THEN the delivered SMS is listed with its status
    browser.get(f.base + "/#/outreach");
    WebElement delivery = wait
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#outreach-log tbody tr")));
    assertThat(delivery.getText()).contains("sms", "delivered", "acme customer");
    shot("4-outreach");

    // WHEN the KPI page is opened THEN the NPS and reached-first share are shown
    browser.get(f.base + "/#/kpis");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("kpis"), "NPS"));
    assertThat(browser.findElement(By.id("kpis")).getText()).contains("reached the customer first", "100");
    shot("5-kpis");
  }

  private static void shot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
